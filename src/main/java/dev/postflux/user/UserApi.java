package dev.postflux.user;

import static dev.postflux.common.openapi.ApiRefs.AFTER;
import static dev.postflux.common.openapi.ApiRefs.CONFLICT;
import static dev.postflux.common.openapi.ApiRefs.ETAG;
import static dev.postflux.common.openapi.ApiRefs.EVENT_STREAM;
import static dev.postflux.common.openapi.ApiRefs.ID;
import static dev.postflux.common.openapi.ApiRefs.IF_MATCH;
import static dev.postflux.common.openapi.ApiRefs.JSON;
import static dev.postflux.common.openapi.ApiRefs.LAST_EVENT_ID;
import static dev.postflux.common.openapi.ApiRefs.LIMIT;
import static dev.postflux.common.openapi.ApiRefs.LINK;
import static dev.postflux.common.openapi.ApiRefs.LOCATION;
import static dev.postflux.common.openapi.ApiRefs.NDJSON;
import static dev.postflux.common.openapi.ApiRefs.NOT_FOUND;
import static dev.postflux.common.openapi.ApiRefs.PRECONDITION_FAILED;
import static dev.postflux.common.openapi.ApiRefs.SERVICE_UNAVAILABLE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The OpenAPI description of {@link UserRoutes}, kept out of the route table: one {@code @RouterOperation} per
 * route, in the table's order. {@code OpenApiContractIntegrationTests} fails when the two disagree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RouterOperations({
    @RouterOperation(
            path = "/users",
            method = RequestMethod.GET,
            produces = {JSON, EVENT_STREAM, NDJSON},
            operation =
                    @Operation(
                            operationId = "listUsers",
                            tags = "users",
                            summary = "List users, newest first",
                            description = UserApi.LIST,
                            parameters = {
                                @Parameter(
                                        in = ParameterIn.QUERY,
                                        name = "role",
                                        schema = @Schema(allowableValues = {"admin", "member"})),
                                @Parameter(ref = LIMIT),
                                @Parameter(ref = AFTER),
                                @Parameter(in = ParameterIn.QUERY, name = "fields", description = UserApi.FIELDS),
                                @Parameter(in = ParameterIn.QUERY, name = "include", description = UserApi.INCLUDE),
                                @Parameter(ref = LAST_EVENT_ID)
                            },
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "a page of users, or every matching user as a stream",
                                        headers = @Header(name = "Link", ref = LINK),
                                        content = {
                                            @Content(
                                                    mediaType = JSON,
                                                    array =
                                                            @ArraySchema(
                                                                    schema =
                                                                            @Schema(
                                                                                    implementation =
                                                                                            UserResponse.class))),
                                            @Content(mediaType = EVENT_STREAM, schema = @Schema(type = "string")),
                                            @Content(
                                                    mediaType = NDJSON,
                                                    schema = @Schema(implementation = UserResponse.class))
                                        }),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users",
            method = RequestMethod.POST,
            consumes = JSON,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "createUser",
                            tags = "users",
                            summary = "Create a user, with posts if given, in one transaction",
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = JSON,
                                                            schema =
                                                                    @Schema(implementation = CreateUserRequest.class))),
                            responses = {
                                @ApiResponse(
                                        responseCode = "201",
                                        description = "created",
                                        headers = {
                                            @Header(name = "Location", ref = LOCATION),
                                            @Header(name = "ETag", ref = ETAG)
                                        },
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = UserResponse.class))),
                                @ApiResponse(responseCode = "409", ref = CONFLICT),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}",
            method = RequestMethod.GET,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "getUser",
                            tags = "users",
                            summary = "A user with its profile and 20 newest posts",
                            parameters = {
                                @Parameter(ref = ID),
                                @Parameter(in = ParameterIn.QUERY, name = "fields", description = UserApi.FIELDS),
                                @Parameter(in = ParameterIn.QUERY, name = "include", description = UserApi.INCLUDE)
                            },
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the user",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = UserResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}",
            method = RequestMethod.PATCH,
            consumes = JSON,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "updateUser",
                            tags = "users",
                            summary = "Change any of name, email, role",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = JSON,
                                                            schema =
                                                                    @Schema(implementation = UpdateUserRequest.class))),
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the updated user, without relations",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = UserResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "409", ref = CONFLICT),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}",
            method = RequestMethod.DELETE,
            operation =
                    @Operation(
                            operationId = "deleteUser",
                            tags = "users",
                            summary = "Delete a user with its posts, profile and tag links",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            responses = {
                                @ApiResponse(responseCode = "204", description = "deleted"),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            }))
})
@interface UserApi {

    String LIST = "application/json: one page; when more rows exist, Link rel=next points to the next one."
            + " text/event-stream or application/x-ndjson: every matching user (or limit of them), streamed with"
            + " backpressure; SSE events are `id: <cursor>`, `event: user`, `data: <user JSON>`, then `event: end`.";

    String FIELDS = "comma-separated attributes to return (the SQL selects only their columns): id, name, email,"
            + " role, version, createdAt, updatedAt, and the relations posts, profile. The response then carries"
            + " only those properties";

    String INCLUDE = "comma-separated relations to add: posts (the 20 newest), profile";
}

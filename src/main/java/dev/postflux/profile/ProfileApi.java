package dev.postflux.profile;

import static dev.postflux.common.openapi.ApiRefs.ETAG;
import static dev.postflux.common.openapi.ApiRefs.ID;
import static dev.postflux.common.openapi.ApiRefs.IF_MATCH;
import static dev.postflux.common.openapi.ApiRefs.JSON;
import static dev.postflux.common.openapi.ApiRefs.LOCATION;
import static dev.postflux.common.openapi.ApiRefs.NOT_FOUND;
import static dev.postflux.common.openapi.ApiRefs.PRECONDITION_FAILED;
import static dev.postflux.common.openapi.ApiRefs.SERVICE_UNAVAILABLE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
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
 * The OpenAPI description of {@link ProfileRoutes}, kept out of the route table: one {@code @RouterOperation} per
 * route, in the table's order. {@code OpenApiContractIntegrationTests} fails when the two disagree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RouterOperations({
    @RouterOperation(
            path = "/users/{id}/profile",
            method = RequestMethod.GET,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "getProfile",
                            tags = "profiles",
                            summary = "A user's profile",
                            parameters = @Parameter(ref = ID),
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the profile",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = ProfileResponse.class))),
                                @ApiResponse(
                                        responseCode = "404",
                                        ref = NOT_FOUND,
                                        description = "no such user, or the user has no profile"),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}/profile",
            method = RequestMethod.PUT,
            consumes = JSON,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "putProfile",
                            tags = "profiles",
                            summary = "Create or replace a user's whole profile (with If-Match: only replace)",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = JSON,
                                                            schema =
                                                                    @Schema(implementation = PutProfileRequest.class))),
                            responses = {
                                @ApiResponse(
                                        responseCode = "201",
                                        description = "the profile, created",
                                        headers = {
                                            @Header(name = "Location", ref = LOCATION),
                                            @Header(name = "ETag", ref = ETAG)
                                        },
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = ProfileResponse.class))),
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the profile, replaced",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = ProfileResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}/profile",
            method = RequestMethod.DELETE,
            operation =
                    @Operation(
                            operationId = "deleteProfile",
                            tags = "profiles",
                            summary = "Delete a user's profile",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            responses = {
                                @ApiResponse(responseCode = "204", description = "deleted"),
                                @ApiResponse(
                                        responseCode = "404",
                                        ref = NOT_FOUND,
                                        description = "no such user, or the user has no profile"),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            }))
})
@interface ProfileApi {}

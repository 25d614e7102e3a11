package dev.postflux.post;

import static dev.postflux.common.openapi.ApiRefs.AFTER;
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

import dev.postflux.tag.TagNames;
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
 * The OpenAPI description of {@link PostRoutes}, kept out of the route table: one {@code @RouterOperation} per
 * route, in the table's order. {@code OpenApiContractIntegrationTests} fails when the two disagree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RouterOperations({
    @RouterOperation(
            path = "/posts",
            method = RequestMethod.GET,
            produces = {JSON, EVENT_STREAM, NDJSON},
            operation =
                    @Operation(
                            operationId = "listPosts",
                            tags = "posts",
                            summary = "List posts, newest first",
                            description = PostApi.LIST,
                            parameters = {
                                @Parameter(
                                        in = ParameterIn.QUERY,
                                        name = "tag",
                                        description = "only posts with this tag",
                                        schema = @Schema(pattern = TagNames.INPUT_PATTERN)),
                                @Parameter(ref = LIMIT),
                                @Parameter(ref = AFTER),
                                @Parameter(in = ParameterIn.QUERY, name = "fields", description = PostApi.FIELDS),
                                @Parameter(in = ParameterIn.QUERY, name = "include", description = PostApi.INCLUDE),
                                @Parameter(ref = LAST_EVENT_ID)
                            },
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "a page of posts, or every matching post as a stream",
                                        headers = @Header(name = "Link", ref = LINK),
                                        content = {
                                            @Content(
                                                    mediaType = JSON,
                                                    array =
                                                            @ArraySchema(
                                                                    schema =
                                                                            @Schema(
                                                                                    implementation =
                                                                                            PostResponse.class))),
                                            @Content(mediaType = EVENT_STREAM, schema = @Schema(type = "string")),
                                            @Content(
                                                    mediaType = NDJSON,
                                                    schema = @Schema(implementation = PostResponse.class))
                                        }),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/posts/{id}",
            method = RequestMethod.GET,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "getPost",
                            tags = "posts",
                            summary = "A post with its author and tags",
                            parameters = {
                                @Parameter(ref = ID),
                                @Parameter(in = ParameterIn.QUERY, name = "fields", description = PostApi.FIELDS),
                                @Parameter(in = ParameterIn.QUERY, name = "include", description = PostApi.INCLUDE)
                            },
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the post",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = PostResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/posts/{id}",
            method = RequestMethod.PATCH,
            consumes = JSON,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "updatePost",
                            tags = "posts",
                            summary = "Change any of title, body (null clears it), tags (replaces the set)",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = JSON,
                                                            schema =
                                                                    @Schema(implementation = UpdatePostRequest.class))),
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "the updated post",
                                        headers = @Header(name = "ETag", ref = ETAG),
                                        content =
                                                @Content(
                                                        mediaType = JSON,
                                                        schema = @Schema(implementation = PostResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/posts/{id}",
            method = RequestMethod.DELETE,
            operation =
                    @Operation(
                            operationId = "deletePost",
                            tags = "posts",
                            summary = "Delete a post and its tag links",
                            parameters = {@Parameter(ref = ID), @Parameter(ref = IF_MATCH)},
                            responses = {
                                @ApiResponse(responseCode = "204", description = "deleted"),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}/posts",
            method = RequestMethod.GET,
            produces = {JSON, EVENT_STREAM, NDJSON},
            operation =
                    @Operation(
                            operationId = "listPostsOfUser",
                            tags = "posts",
                            summary = "List a user's posts, newest first",
                            description = PostApi.LIST,
                            parameters = {
                                @Parameter(ref = ID),
                                @Parameter(ref = LIMIT),
                                @Parameter(ref = AFTER),
                                @Parameter(in = ParameterIn.QUERY, name = "fields", description = PostApi.FIELDS),
                                @Parameter(in = ParameterIn.QUERY, name = "include", description = PostApi.INCLUDE),
                                @Parameter(ref = LAST_EVENT_ID)
                            },
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "a page of the user's posts, or all of them as a stream",
                                        headers = @Header(name = "Link", ref = LINK),
                                        content = {
                                            @Content(
                                                    mediaType = JSON,
                                                    array =
                                                            @ArraySchema(
                                                                    schema =
                                                                            @Schema(
                                                                                    implementation =
                                                                                            PostResponse.class))),
                                            @Content(mediaType = EVENT_STREAM, schema = @Schema(type = "string")),
                                            @Content(
                                                    mediaType = NDJSON,
                                                    schema = @Schema(implementation = PostResponse.class))
                                        }),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            })),
    @RouterOperation(
            path = "/users/{id}/posts",
            method = RequestMethod.POST,
            consumes = JSON,
            produces = JSON,
            operation =
                    @Operation(
                            operationId = "createPost",
                            tags = "posts",
                            summary = "Write a post as this user, with its tags, in one transaction",
                            parameters = @Parameter(ref = ID),
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = JSON,
                                                            schema =
                                                                    @Schema(implementation = CreatePostRequest.class))),
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
                                                        schema = @Schema(implementation = PostResponse.class))),
                                @ApiResponse(responseCode = "404", ref = NOT_FOUND),
                                @ApiResponse(responseCode = "503", ref = SERVICE_UNAVAILABLE)
                            }))
})
@interface PostApi {

    String LIST = "application/json: one page; when more rows exist, Link rel=next points to the next one."
            + " text/event-stream or application/x-ndjson: every matching post (or limit of them), streamed with"
            + " backpressure; SSE events are `id: <cursor>`, `event: post`, `data: <post JSON>`, then `event: end`.";

    String FIELDS = "comma-separated attributes to return (the SQL selects only their columns): id, title, body,"
            + " authorId, version, createdAt, updatedAt, tags, and the relation author. The response then carries"
            + " only those properties";

    String INCLUDE = "comma-separated relations to add: author";
}

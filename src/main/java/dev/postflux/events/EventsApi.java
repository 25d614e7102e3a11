package dev.postflux.events;

import static dev.postflux.common.openapi.ApiRefs.EVENT_STREAM;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.web.bind.annotation.RequestMethod;

/** The OpenAPI description of {@link EventsRoutes}, kept out of the route table. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RouterOperations(
        @RouterOperation(
                path = "/events",
                method = RequestMethod.GET,
                produces = EVENT_STREAM,
                operation =
                        @Operation(
                                operationId = "subscribeToEvents",
                                tags = "events",
                                summary = "Live changes from every instance, as server-sent events",
                                description = "Starts with the comment `:subscribed`, then `event: <type>` /"
                                        + " `data: <resource JSON>` for user.created, user.updated, user.deleted,"
                                        + " post.created, post.updated, post.deleted (deletes carry the id and"
                                        + " author), `:heartbeat` comments, and the control events resync (events"
                                        + " may have been missed), overflow and shutdown (the stream ends).",
                                parameters = {
                                    @Parameter(
                                            in = ParameterIn.QUERY,
                                            name = "types",
                                            description = "comma-separated event types, or user.* / post.*",
                                            schema = @Schema(type = "string", example = "post.*")),
                                    @Parameter(
                                            in = ParameterIn.QUERY,
                                            name = "authorId",
                                            description = "only changes of this user and their posts",
                                            schema = @Schema(type = "integer", minimum = "1"))
                                },
                                responses = {
                                    @ApiResponse(
                                            responseCode = "200",
                                            description = "an endless event stream",
                                            content =
                                                    @Content(
                                                            mediaType = EVENT_STREAM,
                                                            schema = @Schema(type = "string"))),
                                })))
@interface EventsApi {}

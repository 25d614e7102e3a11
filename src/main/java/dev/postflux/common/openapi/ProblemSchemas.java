package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The schema of every error body: an RFC 9457 problem with our {@code requestId} and, for 400s, {@code errors}. */
final class ProblemSchemas {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private ProblemSchemas() {}

    static Map<String, Schema> all() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("Problem", problem());
        schemas.put("FieldError", fieldError());
        return schemas;
    }

    private static Schema<?> problem() {
        return object("application/problem+json (RFC 9457)")
                .addProperty(
                        "type",
                        string("a URI naming the kind of problem; absent means about:blank (the status says it all)"))
                .addProperty("title", string("the status's reason phrase, or 'Validation failed'"))
                .addProperty("status", integer("the HTTP status, repeated"))
                .addProperty("detail", string("what went wrong, for a person"))
                .addProperty("instance", string("the request path"))
                .addProperty("requestId", string("the X-Request-Id of the request, also in the server's log"))
                .addProperty(
                        "errors",
                        new JsonSchema()
                                .types(Set.of("array"))
                                .description("400 only: every invalid field, sorted by name")
                                .items(new JsonSchema().$ref("#/components/schemas/FieldError")))
                .required(List.of("title", "status", "detail", "instance", "requestId"));
    }

    private static Schema<?> fieldError() {
        return object("one invalid input, named as the client wrote it: email, posts[2].title, limit")
                .addProperty("field", string(null))
                .addProperty("message", string(null))
                .required(List.of("field", "message"));
    }

    private static Schema<?> object(String description) {
        return new JsonSchema().types(Set.of("object")).description(description);
    }

    private static Schema<?> string(String description) {
        return new JsonSchema().types(Set.of("string")).description(description);
    }

    private static Schema<?> integer(String description) {
        return new JsonSchema().types(Set.of("integer")).description(description);
    }
}

package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error responses features refer to as {@code #/components/responses/<Name>}; all are problem+json. The
 * statuses and their meaning are those of docs/api.md.
 */
final class ProblemResponses {

    private ProblemResponses() {}

    static Map<String, ApiResponse> all() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put(
                "BadRequest",
                OpenApiConfiguration.problem("Malformed or invalid input: JSON syntax, wrong types, unknown or"
                        + " server-owned fields, invalid query parameters or path ids; errors lists every invalid"
                        + " field"));
        responses.put("NotFound", OpenApiConfiguration.problem("No resource with this id"));
        responses.put("Conflict", OpenApiConfiguration.problem("The email is already taken (ignoring case)"));
        responses.put(
                "PreconditionFailed",
                OpenApiConfiguration.problem("If-Match names a version that is no longer current; nothing changed"));
        responses.put("NotAcceptable", OpenApiConfiguration.problem("Accept excludes every type this route produces"));
        responses.put(
                "RequestTimeout",
                OpenApiConfiguration.problem("The body stopped arriving (postflux.server.body-read-timeout,"
                        + " body-timeout); the connection is closed"));
        responses.put(
                "PayloadTooLarge", OpenApiConfiguration.problem("The body is over spring.codec.max-in-memory-size"));
        responses.put("UnsupportedMediaType", OpenApiConfiguration.problem("The body is not application/json"));
        responses.put(
                "ServiceUnavailable",
                OpenApiConfiguration.problem("The database is briefly unreachable or busy, or too many streams are"
                                + " open; retry after Retry-After seconds")
                        .addHeaderObject("Retry-After", new Header().$ref("#/components/headers/RetryAfter")));
        return responses;
    }
}

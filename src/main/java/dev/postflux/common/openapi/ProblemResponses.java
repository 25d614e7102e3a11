package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
                "PayloadTooLarge",
                OpenApiConfiguration.problem("The body is over spring.http.codecs.max-in-memory-size"));
        responses.put("UnsupportedMediaType", OpenApiConfiguration.problem("The body is not application/json"));
        responses.put(
                "Unauthorized",
                OpenApiConfiguration.problem("No token where one is needed (every write but sign-up), or a bad one:"
                                + " bad signature, expired, not yet valid, wrong issuer or audience")
                        .addHeaderObject(
                                "WWW-Authenticate",
                                new Header()
                                        .description("Bearer, with the error and its description (RFC 6750)")
                                        .schema(new JsonSchema().types(Set.of("string")))));
        responses.put(
                "Forbidden",
                OpenApiConfiguration.problem("A valid token that may not do this: another user's object, a role"
                        + " change or an admin sign-up by a non-admin, an origin CORS does not allow; nothing"
                        + " changed"));
        responses.put(
                "TooManyRequests",
                OpenApiConfiguration.problem("Too many writes from this client (its token's user, else its address),"
                                + " or too many open streams; retry after Retry-After seconds")
                        .addHeaderObject("Retry-After", new Header().$ref("#/components/headers/RetryAfter")));
        responses.put(
                "NotModified",
                new ApiResponse()
                        .description("If-None-Match names the current ETag: the representation is unchanged (no body)")
                        .addHeaderObject("ETag", new Header().$ref("#/components/headers/ETag")));
        responses.put(
                "ServiceUnavailable",
                OpenApiConfiguration.problem("The database is briefly unreachable or busy, or too many streams are"
                                + " open; retry after Retry-After seconds")
                        .addHeaderObject("Retry-After", new Header().$ref("#/components/headers/RetryAfter")));
        return responses;
    }
}

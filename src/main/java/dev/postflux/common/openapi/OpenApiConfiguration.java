package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of the OpenAPI description that every feature shares: the problem+json error responses, the paging,
 * id and precondition parameters, and the response headers. Each feature's {@code XxxApi} refers to them by name
 * ({@code #/components/responses/NotFound}), so that a status means the same everywhere.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearerAuth";

    @Bean
    OpenAPI postFluxOpenApi() {
        return new OpenAPI(SpecVersion.V31)
                .info(new Info()
                        .title("PostFlux")
                        .version("v1")
                        .description("Users and their posts, profiles and tags. Every error is application/problem+json"
                                + " (RFC 9457). Unknown query parameters are a 400; OPTIONS on any route's path"
                                + " answers 204 with Allow, a known path with another method 405, and a method no"
                                + " resource implements (TRACE, CONNECT) 501. Any route may answer 500 (a server"
                                + " fault; its requestId matches the log line). Before any route runs, the"
                                + " server may answer 414 or 431 (request line or headers too long) and 503 (too many"
                                + " connections), without a problem body."))
                // A token is accepted everywhere and needed for every write but sign-up (401 without one): the
                // empty requirement makes it optional, and each operation's 401 and 403 say the rest.
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement())
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("a JWT whose sub is the user's id and whose role claim is admin"
                                                + " or member (docs/security.md)"))
                        .schemas(ProblemSchemas.all())
                        .parameters(parameters())
                        .headers(headers())
                        .responses(ProblemResponses.all()));
    }

    /**
     * 304, 400, 401, 403, 406, 408, 413, 415 and 429 wherever an operation's shape allows them; see
     * {@link SharedProblemResponses}.
     */
    @Bean
    OpenApiCustomizer sharedProblemResponses() {
        return new SharedProblemResponses();
    }

    /** Corrections of what springdoc generates; see {@link GeneratedDocumentFixes} for why each is needed. */
    @Bean
    OpenApiCustomizer generatedDocumentFixes() {
        return new GeneratedDocumentFixes();
    }

    /** Patterns in JSON Schema's dialect of regular expressions; see {@link EcmaScriptPatterns}. */
    @Bean
    OpenApiCustomizer ecmaScriptPatterns() {
        return new EcmaScriptPatterns();
    }

    /** String lengths counted in characters; see {@link CodePointLengths}. */
    @Bean
    PropertyCustomizer codePointLengths() {
        return new CodePointLengths();
    }

    private static Map<String, Parameter> parameters() {
        return Map.of(
                "Id",
                new PathParameter()
                        .name("id")
                        .description("a positive integer; anything else is a 400")
                        .schema(new JsonSchema()
                                .types(Set.of("integer"))
                                .format("int64")
                                .minimum(BigDecimal.ONE)),
                "Limit",
                new QueryParameter()
                        .name("limit")
                        .description("JSON page: 1-100 rows (default 20). Streams: at most this many rows in all"
                                + " (default: every row)")
                        .schema(new JsonSchema().types(Set.of("integer")).minimum(BigDecimal.ONE)),
                "After",
                new QueryParameter()
                        .name("after")
                        .description("an opaque cursor from a Link: rel=\"next\" header (or a stream event id):"
                                + " start after that row")
                        .schema(new JsonSchema().types(Set.of("string"))),
                "IfMatch",
                new HeaderParameter()
                        .name("If-Match")
                        .description("an ETag (\"<version>\" or \"<version>-<fingerprint>\"), or a list of them"
                                + " (\"1\", \"2\"): the write happens only if the resource is still at one of those"
                                + " versions, else 412; a fingerprint is not compared. A profile's tag is a digest of"
                                + " its content, compared whole. Weak tags (W/\"1\") never match. * only requires the"
                                + " resource to exist")
                        .schema(new JsonSchema().types(Set.of("string")).example("\"1\"")),
                "LastEventId",
                new HeaderParameter()
                        .name("Last-Event-ID")
                        .description("SSE only: resume after the event with this id (same as after)")
                        .schema(new JsonSchema().types(Set.of("string"))));
    }

    private static Map<String, Header> headers() {
        return Map.of(
                "ETag",
                new Header()
                        .description("\"<version>\" of the resource, followed by -<fingerprint> (16 hex digits)"
                                + " when the representation embeds relations, which changes when they do; a"
                                + " profile's is a digest of its content (32 hex digits). For If-Match (the version"
                                + " part) and If-None-Match")
                        .schema(new JsonSchema().types(Set.of("string")).example("\"1\"")),
                "Location",
                new Header().description("the new resource").schema(new JsonSchema().types(Set.of("string"))),
                "Link",
                new Header()
                        .description("<...&after=cursor>; rel=\"next\" when more rows exist (RFC 8288)")
                        .schema(new JsonSchema().types(Set.of("string"))),
                "RetryAfter",
                new Header()
                        .description("seconds to wait before retrying")
                        .schema(new JsonSchema().types(Set.of("integer"))));
    }

    static Content problemContent() {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new JsonSchema().$ref(ProblemSchemas.PROBLEM_REF)));
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }
}

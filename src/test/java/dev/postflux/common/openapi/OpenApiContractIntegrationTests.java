package dev.postflux.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI description says what the server does: it describes exactly the routes the route tables
 * have, with the query parameters each route accepts, and real responses (successes and errors, JSON, NDJSON and
 * SSE) match the described statuses, media types, headers and schemas.
 */
class OpenApiContractIntegrationTests extends IntegrationTest {

    private static final Pattern KNOWN_PARAMETERS = Pattern.compile("\\(known: ([^)]*)\\)");

    @Autowired
    private List<RouterFunction<?>> routerFunctions;

    private OpenApiDescription description;

    @BeforeEach
    void readTheDescription() {
        byte[] document = http.get()
                .uri("/v3/api-docs")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        description = new OpenApiDescription(document);
    }

    @Test
    void isAnOpenApi31Document() {
        assertThat(description.document().path("openapi").asString()).startsWith("3.1.");
    }

    /** Generated clients learn from the description that a bearer token may be sent, and where it is optional. */
    @Test
    void describesTheBearerTokenAsOptionalWhereTheServerDecides() {
        var document = description.document();
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat")
                        .asString())
                .isEqualTo("JWT");
        assertThat(document.path("security").toString()).isEqualTo("[{\"bearerAuth\":[]},{}]");
    }

    @Test
    void servesABrowsableUiOverTheDescription() {
        http.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/swagger-ui/index.html")
                .expectBody();
        http.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody();
        http.get()
                .uri("/swagger-ui/swagger-ui-bundle.js")
                .exchange()
                .expectStatus()
                .isOk()
                // Over a megabyte, beyond what expectBody() holds in memory: read to its end and dropped.
                .expectBody(Void.class);
        http.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .isEqualTo("/v3/api-docs");
    }

    @Test
    void describesEveryRouteAndNoOther() {
        Set<String> routes = RouteTable.of(routerFunctions);

        assertThat(routes).isNotEmpty();
        assertThat(description.operations()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void describesTheCharacterLimitsOfRequestBodyStrings() {
        // @CodePointLength, which springdoc does not read by itself (CodePointLengths).
        JsonNode schemas = description.document().path("components").path("schemas");

        assertThat(schemas.at("/CreateUserRequest/properties/name/maxLength").asInt())
                .isEqualTo(100);
        assertThat(schemas.at("/UpdateUserRequest/properties/name/minLength").asInt())
                .isEqualTo(1);
        assertThat(schemas.at("/UpdateUserRequest/properties/email/maxLength").asInt())
                .isEqualTo(254);
        assertThat(schemas.at("/UpdatePostRequest/properties/body/maxLength").asInt())
                .isEqualTo(50_000);
        assertThat(schemas.at("/PutProfileRequest/properties/website/maxLength").asInt())
                .isEqualTo(2048);
    }

    @Test
    void publishesAnchoredPatternsInJsonSchemasDialect() {
        // JSON Schema's patterns are ECMA-262 and match anywhere in a string; @Pattern's are Java's and match it
        // whole (EcmaScriptPatterns).
        List<String> patterns = description.document().findValues("pattern").stream()
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .toList();

        assertThat(patterns).hasSizeGreaterThanOrEqualTo(10).allSatisfy(pattern -> {
            assertThat(pattern).startsWith("^").endsWith("$").doesNotContain("(?U)");
            assertThat(EcmaScriptPatterns.of(pattern))
                    .as("without possessive quantifiers")
                    .isEqualTo(pattern);
        });
    }

    @Test
    void describesEachOperationWithASummaryASuccessAndItsErrors() {
        for (String operation : description.operations()) {
            JsonNode described = description.operation(operation);
            var statuses = new TreeSet<String>();
            described.path("responses").propertyNames().forEach(statuses::add);

            assertThat(described.path("operationId").asString()).as(operation).isNotBlank();
            assertThat(described.path("summary").asString()).as(operation).isNotBlank();
            assertThat(statuses).as(operation).anyMatch(status -> status.startsWith("2"));
            assertThat(statuses).as(operation).contains("400");
        }
    }

    @Test
    void describesExactlyTheQueryParametersEachRouteAccepts() {
        for (String operation : description.operations()) {
            String[] methodAndPath = operation.split(" ", 2);
            String path = methodAndPath[1].replace("{id}", "1");

            var result = http.method(HttpMethod.valueOf(methodAndPath[0]))
                    .uri(path + "?undocumented-parameter=1")
                    .exchange()
                    .expectBody()
                    .returnResult();
            String body = result.getStatus().value() == 400
                    ? new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)
                    : "";
            var known = KNOWN_PARAMETERS.matcher(body);

            Set<String> accepted = new TreeSet<>();
            if (known.find() && !known.group(1).isBlank()) {
                accepted.addAll(List.of(known.group(1).split(", ")));
            }
            assertThat(description.queryParameters(operation))
                    .as(operation + ": described query parameters = accepted ones (none if it ignores unknown ones)")
                    .containsExactlyInAnyOrderElementsOf(accepted);
        }
    }

    @Test
    void realResponsesMatchTheDescribedStatusesMediaTypesHeadersAndSchemas() {
        var recorded = new Recorder();

        long ada = recorded.created(http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Ada Lovelace",
                        "email",
                        "ada@example.com",
                        "posts",
                        List.of(Map.of("title", "On engines", "body", "Notes", "tags", List.of("math", "history"))))));
        recorded.exchange(http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada again", "email", "ADA@example.com")));
        recorded.exchange(http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ", "email", "not-an-email")));
        recorded.exchange(
                http.post().uri("/users").contentType(MediaType.TEXT_PLAIN).bodyValue("Ada"));
        recorded.exchange(http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Grace Hopper", "email", "grace@example.com", "role", "admin")));

        String userTag = recorded.exchange(http.get().uri("/users/{id}", ada))
                .getResponseHeaders()
                .getETag();
        recorded.exchange(http.get().uri("/users/{id}", ada).header(HttpHeaders.IF_NONE_MATCH, userTag));
        recorded.exchange(anonymous
                .patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Anonymous")));
        recorded.exchange(as(Tokens.member(ada + 1_000))
                .patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory")));
        recorded.exchange(http.get().uri("/users/{id}?fields=name,email,posts", ada));
        recorded.exchange(http.get().uri("/users/{id}", 999_999));
        recorded.exchange(http.get().uri("/users/not-a-number"));
        recorded.exchange(http.get().uri("/users/{id}", ada).accept(MediaType.APPLICATION_XML));
        recorded.exchange(http.get().uri("/users?limit=1&include=posts,profile"));
        recorded.exchange(http.get().uri("/users?role=admin&fields=id,name"));
        recorded.exchange(http.get().uri("/users?role=nobody"));
        recorded.exchange(http.get().uri("/users").accept(MediaType.APPLICATION_NDJSON));
        recorded.exchange(http.get().uri("/users?include=posts").accept(MediaType.TEXT_EVENT_STREAM));
        recorded.exchange(http.get().uri("/users").accept(MediaType.APPLICATION_XML));

        recorded.exchange(http.put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Mathematician", "website", "https://ada.example.com")));
        recorded.exchange(http.get().uri("/users/{id}", ada));
        recorded.exchange(http.get().uri("/users/{id}/profile", ada));
        recorded.exchange(http.put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("website", "ftp://nowhere")));
        recorded.exchange(http.delete().uri("/users/{id}/profile", ada));
        recorded.exchange(http.get().uri("/users/{id}/profile", ada));
        recorded.exchange(http.delete().uri("/users/{id}/profile", ada));

        long post = recorded.created(http.post()
                .uri("/users/{id}/posts", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "The first program", "tags", List.of("Math"))));
        recorded.exchange(http.post()
                .uri("/users/{id}/posts", 999_999)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Orphan")));
        recorded.exchange(http.get().uri("/users/{id}/posts?limit=1&include=author", ada));
        recorded.exchange(http.get().uri("/users/{id}/posts", ada).accept(MediaType.TEXT_EVENT_STREAM));
        recorded.exchange(http.get().uri("/users/{id}/posts", 999_999));
        recorded.exchange(http.get().uri("/posts?tag=math&fields=title,tags"));
        recorded.exchange(http.get().uri("/posts?tag=no%20such"));
        recorded.exchange(http.get().uri("/posts").accept(MediaType.APPLICATION_NDJSON));
        recorded.exchange(http.get().uri("/posts/{id}", post));
        recorded.exchange(http.patch()
                .uri("/posts/{id}", post)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue("{\"body\":null,\"tags\":[\"math\",\"firsts\"]}"));
        recorded.exchange(http.patch()
                .uri("/posts/{id}", post)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("title", "Stale")));
        recorded.exchange(http.patch()
                .uri("/posts/{id}", post)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Bad", "id", 7)));
        recorded.exchange(http.delete().uri("/posts/{id}", post).header(HttpHeaders.IF_MATCH, "\"9\""));
        recorded.exchange(http.delete().uri("/posts/{id}", post));
        recorded.exchange(http.delete().uri("/posts/{id}", post));

        recorded.exchange(http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Ada King", "role", "admin")));
        recorded.exchange(http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Stale")));
        recorded.exchange(http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "grace@example.com")));
        recorded.exchange(http.patch()
                .uri("/users/{id}", 999_999)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Nobody")));
        recorded.exchange(http.get().uri("/events?types=nonsense"));
        recorded.exchange(http.delete().uri("/users/{id}", ada).header(HttpHeaders.IF_MATCH, "\"1\""));
        recorded.exchange(http.delete().uri("/users/{id}", ada));
        recorded.exchange(http.delete().uri("/users/{id}", ada));

        assertThat(recorded.violations()).isEmpty();
        assertThat(recorded.statuses())
                .contains(200, 201, 204, 304, 400, 401, 403, 404, 406, 409, 412, 415)
                .doesNotContain(500);
        assertThat(recorded.succeeded())
                .as("every operation but the endless /events stream answered a success here")
                .containsAll(description.operations().stream()
                        .filter(operation -> !operation.equals("GET /events"))
                        .toList());
    }

    @Test
    void liveEventsAnswerTheDescribedStatusAndMediaType() {
        var result = http.get()
                .uri("/events?types=post.*")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {});
        var first = result.getResponseBody().blockFirst(Duration.ofSeconds(10));

        assertThat(first.comment()).isEqualTo("subscribed");
        JsonNode response =
                description.operation("GET /events").path("responses").path("200");
        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(response.path("content")
                        .has(result.getResponseHeaders().getContentType().getType() + "/"
                                + result.getResponseHeaders().getContentType().getSubtype()))
                .isTrue();
    }

    /** Exchanges made during a test, each checked against the description. */
    private final class Recorder {

        private final List<String> violations = new ArrayList<>();
        private final Set<Integer> statuses = new TreeSet<>();
        private final Set<String> succeeded = new TreeSet<>();

        EntityExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> request) {
            var result = request.exchange().expectBody().returnResult();
            violations.addAll(description.violations(result, result.getResponseBodyContent()));
            statuses.add(result.getStatus().value());
            if (result.getStatus().is2xxSuccessful()) {
                description
                        .operationOf(result.getMethod().name(), result.getUrl().getRawPath())
                        .ifPresent(succeeded::add);
            }
            return result;
        }

        /** Makes a request that must create a resource; returns the id from its Location. */
        long created(WebTestClient.RequestHeadersSpec<?> request) {
            var result = exchange(request);
            assertThat(result.getStatus().value()).isEqualTo(201);
            String location = result.getResponseHeaders().getLocation().getPath();
            return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        }

        List<String> violations() {
            return violations;
        }

        Set<Integer> statuses() {
            return statuses;
        }

        Set<String> succeeded() {
            return succeeded;
        }
    }
}

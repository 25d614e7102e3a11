package dev.postflux.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** Every error leaves as application/problem+json with the request id, and never shows internals. */
class ProblemResponsesIntegrationTests extends IntegrationTest {

    @Test
    void answersUnknownRoutesWithNotFound() {
        var result = http.get()
                .uri("/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No route for GET /nowhere")
                .jsonPath("$.instance")
                .isEqualTo("/nowhere")
                .returnResult();

        assertRequestIdMatches(result);
    }

    // The next three were 500s, found by InputFuzzIntegrationTests.

    @Test
    void answersAMalformedAcceptHeaderWithBadRequest() {
        var response = anonymous
                .get()
                .uri("/users")
                .header(HttpHeaders.ACCEPT, "application/json;q=x")
                .exchange();

        problem(response, 400).jsonPath("$.detail").isEqualTo("The Accept header is not a valid list of media types");
    }

    @Test
    void answersAMalformedContentTypeWithUnsupportedMediaTypeAndWritesNothing() {
        var response = anonymous
                .post()
                .uri("/users")
                .header(HttpHeaders.CONTENT_TYPE, "application/json;charset=x")
                // Raw bytes: the test client would itself refuse to encode a String for that Content-Type.
                .body(BodyInserters.fromDataBuffers(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(
                        "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}".getBytes(StandardCharsets.UTF_8)))))
                .exchange();

        problem(response, 415);
        assertThat(sql.count("users")).isZero();
    }

    /**
     * Control characters (PlainText) are refused where the text is read, before PostgreSQL (which cannot store NUL)
     * sees them: a name of one bell character is not blank, and an escape sequence rewrites a terminal that lists it.
     */
    @Test
    void refusesControlCharactersInTextAndWritesNothing() {
        var response = anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"name\":\"A\\u0000da\",\"email\":\"ada@example.com\",\"posts\":[{\"title\":\"\\u001b[31mred\","
                                + "\"body\":\"ring\\u0007\"},{\"title\":\"Fine\",\"body\":\"two\\nlines\\tand a tab\"}]}")
                .exchange();

        problem(response, 400)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields).asString().contains("name", "posts[0].title", "posts[0].body"))
                .jsonPath("$.errors.length()")
                .isEqualTo(3);
        assertThat(sql.count("users")).isZero();

        anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\\u0007\",\"email\":\"ada@example.com\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(sql.count("users")).isZero();
    }

    /** A method no resource implements is a 501 (RFC 9110 section 15.6.2), whatever the path. */
    @Test
    void answersAMethodTheFirewallRefusesWithAProblem() {
        for (String method : List.of("ZQXMETHOD", "TRACE")) {
            for (String path : List.of("/users", "/users/1", "/nowhere")) {
                problem(anonymous.method(HttpMethod.valueOf(method)).uri(path).exchange(), 501)
                        .jsonPath("$.detail")
                        .value(detail -> assertThat((String) detail).contains("implements no resource"));
            }
        }
        anonymous
                .method(HttpMethod.valueOf("ZQXMETHOD"))
                .uri("/users")
                .exchange()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectBody(Void.class);
    }

    @Test
    void refusesUnknownQueryParametersOnWritesToo() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long post = sql.insertPost(ada, "First", Instant.parse("2026-01-01T00:00:00Z"));

        var patch = http.patch()
                .uri("/users/{id}?nmae=x", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Grace\"}")
                .exchange();
        problem(patch, 400);
        var delete = http.delete().uri("/posts/{id}?force=true", post).exchange();
        problem(delete, 400);

        assertThat(sql.count("posts")).isEqualTo(1);
        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ada");
    }

    /** {@code ?tag} read as absent would list every post instead of filtering: a typo answered with the wrong data. */
    @Test
    void refusesQueryParametersWithoutAValue() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPost(ada, "First", Instant.parse("2026-01-01T00:00:00Z"));

        for (String uri :
                List.of("/posts?tag", "/users?role", "/users?limit", "/users/" + ada + "?fields", "/posts?after")) {
            problem(http.get().uri(uri).exchange(), 400)
                    .jsonPath("$.errors[0].message")
                    .value(message -> assertThat((String) message).startsWith("must have a value"));
        }
        problem(http.get().uri("/posts?tag").accept(MediaType.TEXT_EVENT_STREAM).exchange(), 400);
    }

    @Test
    void answersOtherMethodsOnAKnownPathWithMethodNotAllowed() {
        http.put()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET,HEAD,POST,OPTIONS")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    @Test
    void answersOptionsWithTheAllowedMethods() {
        http.options()
                .uri("/users/1")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET,HEAD,PATCH,DELETE,OPTIONS")
                .expectBody()
                .isEmpty();
    }

    /**
     * Bodies up to the documented 1 MB are read: 300 KB of escaped text (a 50,000-character post body, as JSON
     * libraries that escape non-ASCII characters send it) and 950 KB of posts. Until 2026-12-07 the limit was set
     * under Spring Boot 3's property name, which Boot 4 ignores, and every body over 256 KB was refused with a 413.
     */
    @Test
    void readsABodyUpToTheLimit() {
        String escapedBody = "{\"title\":\"Escaped\",\"body\":\"" + "\\u044f".repeat(50_000) + "\"}";
        String manyPosts = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> "{\"title\":\"Post " + i + "\",\"body\":\"" + "x".repeat(9_400) + "\"}")
                .collect(java.util.stream.Collectors.joining(","));

        // The 201 echoes the posts: the test client must read as much as it sends.
        var client = http.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        for (String posts : List.of(escapedBody, manyPosts)) {
            String body =
                    "{\"name\":\"Big\",\"email\":\"big" + posts.length() + "@example.com\",\"posts\":[" + posts + "]}";
            assertThat(body.length()).isBetween(256 * 1024, 1024 * 1024);
            client.post()
                    .uri("/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody();
        }
        assertThat(sql.count("posts")).isEqualTo(101);
    }

    @Test
    void refusesABodyOverTheLimitWithContentTooLarge() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"email\":\"a@b.co\"}";

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413);

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWithContentTooLarge() {
        var factory = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 64)
                .map(i -> factory.wrap(("{\"name\":\"" + "y".repeat(32 * 1024))
                        .substring(i == 0 ? 0 : 9)
                        .getBytes(StandardCharsets.UTF_8)));

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413);
    }

    @Test
    void rejectsJsonNestedTooDeeply() {
        String deep = "{\"name\":\"Ada\",\"email\":\"a@b.co\",\"posts\":" + "[".repeat(100) + "]".repeat(100) + "}";

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(deep)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400);

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void echoesTheClientsRequestId() {
        http.get()
                .uri("/users/999")
                .header("X-Request-Id", "client-chosen-42")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals("X-Request-Id", "client-chosen-42")
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo("client-chosen-42");
    }

    @Test
    void hidesSqlStackTracesAndClassNamesInServerErrors() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute("ALTER TABLE profiles RENAME TO profiles_moved");
        try {
            var result = http.get()
                    .uri("/users/{id}", ada)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(500)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .returnResult();

            String body = new String(result.getResponseBody(), StandardCharsets.UTF_8);
            assertThat(body)
                    .doesNotContainIgnoringCase("select")
                    .doesNotContain("profiles", "Exception", "dev.postflux", "at ", "r2dbc");
            assertRequestIdMatches(result);
        } finally {
            sql.execute("ALTER TABLE profiles_moved RENAME TO profiles");
        }
    }

    private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private static void assertRequestIdMatches(EntityExchangeResult<byte[]> result) {
        String header = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(header).matches("[0-9a-f]{32}");
        assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8))
                .contains("\"requestId\":\"" + header + "\"");
    }
}

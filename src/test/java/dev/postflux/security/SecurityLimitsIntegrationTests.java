package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.stream.StreamLimiter;
import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import dev.postflux.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The abuse limits and the settings that change the defaults, in a context of their own: a write rate limit of 3
 * per client, 2 streams per client, a CORS origin allowed, and reads that need a token.
 */
@TestPropertySource(
        properties = {
            "postflux.security.rate-limit.enabled=true",
            "postflux.security.rate-limit.capacity=3",
            "postflux.security.rate-limit.refill-period=1h",
            "postflux.streaming.max-streams-per-client=2",
            "postflux.security.cors.allowed-origins=https://app.example.com",
            "postflux.security.public-reads=false",
            "postflux.server.trusted-proxies=127.0.0.1,::1"
        })
class SecurityLimitsIntegrationTests extends IntegrationTest {

    private static final String ORIGIN = "https://app.example.com";

    @LocalServerPort
    int port;

    @Autowired
    StreamLimiter streams;

    /**
     * Behind a trusted proxy that appends to X-Forwarded-For, the client is the right-most address the proxy did not
     * add: what the client wrote to the left of it does not buy it a fresh bucket.
     */
    @Test
    void keysAnonymousWritesOnTheAddressTheTrustedProxyForwarded() {
        for (int i = 0; i < 3; i++) {
            signUpVia("6.6.6." + i + ", 10.9.9.9", "spoof" + i + "@example.com")
                    .expectStatus()
                    .isCreated()
                    .expectBody(Void.class);
        }
        signUpVia("6.6.6.99, 10.9.9.9", "spoof99@example.com")
                .expectStatus()
                .isEqualTo(429)
                .expectBody(Void.class);
        signUpVia("10.9.9.9, 127.0.0.1", "proxied@example.com")
                .expectStatus()
                .isEqualTo(429)
                .expectBody(Void.class);

        signUpVia("10.9.9.8", "other@example.com").expectStatus().isCreated().expectBody(Void.class);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signUpVia(
            String forwardedFor, String email) {
        return anonymous
                .post()
                .uri("/users")
                .header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Someone", "email", email))
                .exchange();
    }

    @Test
    void limitsTheWritesOfEachClientWith429AndRetryAfter() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long grace = sql.insertUser("Grace", "grace@example.com", "member");
        var asAda = as(Tokens.member(ada));
        for (int i = 0; i < 3; i++) {
            rename(asAda, ada, "Ada " + i).expectStatus().isOk().expectBody();
        }

        rename(asAda, ada, "Ada 3")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429);

        assertThat(sql.queryForObject("SELECT name FROM users WHERE id = ?", String.class, ada))
                .isEqualTo("Ada 2");
        rename(as(Tokens.member(grace)), grace, "Grace Hopper")
                .expectStatus()
                .isOk()
                .expectBody();
        asAda.get().uri("/users/{id}", ada).exchange().expectStatus().isOk().expectBody();
    }

    @Test
    void limitsAnonymousSignUpsByAddress() {
        for (int i = 0; i < 3; i++) {
            signUp(i).expectStatus().isCreated().expectBody();
        }

        signUp(3)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody();

        assertThat(sql.count("users")).isEqualTo(3);
    }

    @Test
    void limitsTheOpenStreamsOfEachClientWith429() throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 20_000, Instant.parse("2026-01-01T00:00:00.000Z"));
        String token = Tokens.member(ada);
        List<RawHttpStream> open = new ArrayList<>();
        try {
            open.add(openStream("/posts", token));
            open.add(openStream("/events", token));

            as(token)
                    .get()
                    .uri("/posts")
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody();
            streamsAShortList(as(Tokens.member(ada + 1)));

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> streams.openStreams("user:" + ada) == 1);
            streamsAShortList(as(token));
        } finally {
            for (var stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void answersAnAllowedOriginWithCorsHeaders() {
        anonymous
                .options()
                .uri("/users/1")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.PATCH.name())
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, if-match")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("PATCH"))
                .expectBody();
        http.get()
                .uri("/users")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("ETag", "Location", "Retry-After"))
                .expectBody();
    }

    @Test
    void refusesAnOriginThatIsNotAllowed() throws Exception {
        // A socket of its own: the answer is read exactly as sent, on a fresh connection.
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /users HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example.com\r\n"
                                    + "Authorization: Bearer " + Tokens.admin() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            String response =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(response)
                    .startsWith("HTTP/1.1 403")
                    .doesNotContainIgnoringCase("Access-Control-Allow-Origin")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("The origin https://evil.example.com may not call this API");
        }
        anonymous
                .options()
                .uri("/users")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403);
    }

    @Test
    void requiresATokenForReadsWhenReadsAreNotPublic() {
        anonymous
                .get()
                .uri("/users")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody();
        as(Tokens.member(1))
                .get()
                .uri("/users")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    private RawHttpStream openStream(String path, String token) throws Exception {
        var stream = token == null
                ? RawHttpStream.get(port, path, "text/event-stream", 4096)
                : RawHttpStream.get(port, path, "text/event-stream", 4096, "Authorization: Bearer " + token);
        assertThat(stream.readUntil("\n\n")).startsWith("HTTP/1.1 200");
        return stream;
    }

    private static WebTestClient.ResponseSpec rename(WebTestClient client, long id, String name) {
        return client.patch()
                .uri("/users/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange();
    }

    private WebTestClient.ResponseSpec signUp(int i) {
        return anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "User " + i, "email", "user" + i + "@example.com"))
                .exchange();
    }

    /** Streams three posts as NDJSON: a stream the per-client cap admits is answered 200. */
    private static void streamsAShortList(WebTestClient client) {
        client.get()
                .uri("/posts?limit=3")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }
}

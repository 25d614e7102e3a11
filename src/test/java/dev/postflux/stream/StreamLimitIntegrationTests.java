package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Past the stream limit, new streams get 503 with Retry-After while plain requests go on being served. */
@TestPropertySource(properties = "postflux.streaming.max-concurrent-streams=3")
class StreamLimitIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    StreamLimiter limiter;

    @Test
    void refusesStreamsBeyondTheLimitButKeepsServingPlainRequests() throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 20_000, Instant.parse("2026-01-01T00:00:00.000Z"));
        List<RawHttpStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                var stream = RawHttpStream.get(port, "/posts", "text/event-stream", 4096);
                stream.read(4096);
                open.add(stream);
            }

            http.get()
                    .uri("/posts")
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Too many open streams; retry shortly");
            http.get()
                    .uri("/users/{id}", ada)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo("Ada");
            http.get()
                    .uri("/posts?limit=5")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(5);

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(2)).until(() -> limiter.openStreams() == 2);
            http.get()
                    .uri("/posts?limit=3")
                    .accept(MediaType.APPLICATION_NDJSON)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(body.lines()).hasSize(3));
        } finally {
            for (var stream : open) {
                stream.close();
            }
        }
    }
}

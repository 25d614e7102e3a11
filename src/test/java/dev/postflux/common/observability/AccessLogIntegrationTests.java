package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.common.web.RequestIds;
import dev.postflux.support.IntegrationTest;
import dev.postflux.support.LogLines;
import dev.postflux.support.RawHttpStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** One access line per request, written when the exchange ends, naming its route, status, duration and id. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void logsARequestOnceWithRouteTemplateStatusAndItsRequestId(CapturedOutput output) {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        String requestId = http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        var line = awaitOneAccessLine(output, requestId);
        assertThat(line).contains("GET /users/{id} 200 ").contains(" ms (/users/" + ada + ")");
    }

    @Test
    void logsAHeadRequestAsHead(CapturedOutput output) {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.head()
                .uri("/users/{id}", ada)
                .header(RequestIds.HEADER, "caller-chosen-head")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();

        assertThat(awaitOneAccessLine(output, "caller-chosen-head")).contains("HEAD /users/{id} 200 ");
    }

    @Test
    void logsTheCallersRequestId(CapturedOutput output) {
        http.get()
                .uri("/users/{id}", 42)
                .header(RequestIds.HEADER, "caller-chosen-id-1")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody();

        assertThat(awaitOneAccessLine(output, "caller-chosen-id-1")).contains("GET /users/{id} 404 ");
    }

    @Test
    void logsTheFinalStatusOfAFailedRequest(CapturedOutput output) {
        String requestId = http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        assertThat(awaitOneAccessLine(output, requestId)).contains("POST /users 400 ");
    }

    @Test
    void logsAnUnknownPathWithoutATemplate(CapturedOutput output) {
        String requestId = http.get()
                .uri("/no/such/path")
                .exchange()
                .expectStatus()
                .isNotFound()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        assertThat(awaitOneAccessLine(output, requestId))
                .contains("GET UNMATCHED 404 ")
                .contains("(/no/such/path)");
    }

    @Test
    void logsACompletedStreamOnceAtItsEnd(CapturedOutput output) {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 3, Instant.parse("2026-01-01T00:00:00.000Z"));

        String requestId = http.get()
                .uri("/posts")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        assertThat(awaitOneAccessLine(output, requestId))
                .contains("GET /posts 200 ")
                .doesNotContain("cancelled");
    }

    @Test
    void logsAStreamTheClientClosesOnceWhenItCloses(CapturedOutput output) throws Exception {
        String requestId = "events-closed-by-client";
        try (var events =
                RawHttpStream.get(port, "/events", "text/event-stream", 8192, RequestIds.HEADER + ": " + requestId)) {
            events.readUntil(":subscribed");
            assertThat(accessLines(output, requestId))
                    .as("nothing before the stream ends")
                    .isEmpty();
        }

        assertThat(awaitOneAccessLine(output, requestId)).contains("GET /events 200 ");
    }

    @Test
    void logsNoSqlUnlessSwitchedOn(CapturedOutput output) {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        String requestId = http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        awaitOneAccessLine(output, requestId);
        assertThat(output.getOut().lines()).noneMatch(line -> line.contains("postflux.sql"));
    }

    private static String awaitOneAccessLine(CapturedOutput output, String requestId) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !accessLines(output, requestId).isEmpty());
        // A second line for the request, had it been logged, would have arrived by now.
        LogLines.flushed(output);
        var lines = accessLines(output, requestId);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static List<String> accessLines(CapturedOutput output, String requestId) {
        return LogLines.of(output, "postflux.access").stream()
                .filter(line -> line.contains("[" + requestId + "]"))
                .toList();
    }
}

package dev.postflux.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Heartbeats, bounded buffers for slow subscribers, and recovery of the LISTEN connection.
 *
 * <p>The write-stall timeout is raised here: a stalled subscriber is cut off by whichever comes first, its queue
 * overflowing or its socket accepting nothing for that long (60 s by default, tested in ServerLimitsIntegrationTests).
 * On a slow machine the 10 MB of events below took over 60 s, and the stream ended without its overflow event.
 */
@TestPropertySource(
        properties = {
            "postflux.events.heartbeat=300ms",
            "postflux.events.listener-ping=1s",
            "postflux.server.write-stall-timeout=10m"
        })
class LiveEventsResilienceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ChangeHub hub;

    @Test
    void keepsAnIdleSubscriptionAliveWithHeartbeats() throws Exception {
        try (var stream = RawHttpStream.get(port, "/events", "text/event-stream", 8192)) {
            assertThat(stream.readUntil(":heartbeat")).contains(":subscribed", ":heartbeat");
        }
    }

    @Test
    void tellsAStalledSubscriberItOverflowedWhileOthersGetEveryEvent() throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 5_000, Instant.parse("2026-01-01T00:00:00.000Z"));
        sql.execute(
                "BEGIN; SET LOCAL session_replication_role = replica; UPDATE posts SET body = repeat('x', 2000); COMMIT;");
        var received = new AtomicInteger();
        var others = new AtomicInteger();
        var reading = WebClient.create("http://localhost:" + port)
                .get()
                .uri("/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .filter(event -> event.event() != null)
                .subscribe(event -> (event.event().equals("post.updated") ? received : others).incrementAndGet());
        try (var stalled = RawHttpStream.get(port, "/events", "text/event-stream", 4096)) {
            stalled.readUntil(":subscribed");
            await().until(() -> hub.subscribers() == 2);

            // Writers go at the reading subscriber's pace; the stalled one reads nothing at all. Some 10 MB of
            // events: more than socket buffers and the subscriber's queue can hold.
            for (int batch = 1; batch <= 50; batch++) {
                sql.execute("UPDATE posts SET title = title || '.' WHERE id IN"
                        + " (SELECT id FROM posts ORDER BY id OFFSET " + (batch - 1) * 100 + " LIMIT 100)");
                int expected = batch * 100;
                await().atMost(Duration.ofSeconds(10)).alias("batch " + batch).until(() -> received.get() >= expected);
            }

            assertThat(others.get())
                    .as("no overflow or resync for the subscriber that reads")
                    .isZero();
            assertThat(stalled.readUntil("event:overflow")).contains("event:overflow");
            assertThat(stalled.readUntil("\r\n0\r\n\r\n"))
                    .as("and then the stream ends")
                    .endsWith("\r\n0\r\n\r\n");
        } finally {
            reading.dispose();
        }
    }

    @Test
    void reconnectsTheListenerAndTellsSubscribersToResync() throws Exception {
        try (var stream = RawHttpStream.get(port, "/events", "text/event-stream", 8192)) {
            stream.readUntil(":subscribed");

            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'postflux'"
                    + " AND query IN ('LISTEN postflux_changes', 'SELECT 1')");

            assertThat(stream.readUntil("event:resync")).contains("event:resync");
            sql.insertUser("After", "after@example.com", "member");
            assertThat(stream.readUntil("after@example.com")).contains("event:user.created");
        }
    }
}

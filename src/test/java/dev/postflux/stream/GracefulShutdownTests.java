package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.HalfSentSignUp;
import dev.postflux.support.RawHttpStream;
import dev.postflux.support.ServerProcess;
import dev.postflux.support.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while clients are in the middle of long streams and of a plain request: the streams end with a final
 * event (SSE) or an unmistakably incomplete body (NDJSON), the plain request completes and its write is kept, and the
 * server exits in seconds instead of waiting out its graceful shutdown period for streams that would never finish on
 * their own.
 */
class GracefulShutdownTests {

    private static final String LAST_CHUNK = "\r\n0\r\n\r\n";

    private final Sql sql = new Sql();

    @AfterEach
    void emptyTables() {
        sql.truncateAll();
    }

    @Test
    void endsOpenStreamsWithAFinalEventAndExitsPromptly() throws Exception {
        try (var server = ServerProcess.start()) {
            sql.truncateAll();
            long ada = sql.insertUser("Ada", "ada@example.com", "member");
            sql.insertPosts(ada, 50_000, Instant.parse("2026-01-01T00:00:00Z"));
            streamThroughShutdown(server);
        }
    }

    /**
     * With its embedded PostgreSQL (no DATABASE_URL), the server must keep its database until the requests in
     * flight are answered: zonky's own stop at JVM exit ran beside the graceful shutdown and took it from them.
     */
    @Test
    void keepsItsEmbeddedDatabaseUntilTheRequestsInFlightAreAnswered(@TempDir Path directory) throws Exception {
        try (var server = ServerProcess.startOn(
                null, "--postflux.database.embedded.data-directory=" + directory.resolve("pgdata"))) {
            var signUp = new HalfSentSignUp(server.port(), "grace@example.com");

            server.terminate();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.output().contains("Commencing graceful shutdown"));

            assertThat(signUp.finish()).startsWith("HTTP/1.1 201");
            assertThat(server.exitsWithin(Duration.ofSeconds(30))).isTrue();
        }
    }

    private void streamThroughShutdown(ServerProcess server) throws Exception {
        try (var sse = RawHttpStream.get(server.port(), "/posts", "text/event-stream", 4096);
                var ndjson = RawHttpStream.get(server.port(), "/posts", "application/x-ndjson", 4096);
                var changes = RawHttpStream.get(server.port(), "/events", "text/event-stream", 4096)) {
            sse.read(32 * 1024);
            ndjson.read(32 * 1024);
            changes.readUntil(":subscribed");
            var signUp = new HalfSentSignUp(server.port(), "grace@example.com");
            long signalled = System.nanoTime();

            server.terminate();
            // A request in flight when the signal came (its body half sent) is still served, and its write kept.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.output().contains("Commencing graceful shutdown"));
            assertThat(signUp.finish()).startsWith("HTTP/1.1 201");
            assertThat(sql.queryForObject(
                            "SELECT count(*) FROM users WHERE email = ?", Long.class, "grace@example.com"))
                    .isEqualTo(1L);

            String events = sse.readUntil(LAST_CHUNK);
            assertThat(events)
                    .contains("event:shutdown\ndata:")
                    .doesNotContain("event:end")
                    .endsWith(LAST_CHUNK);
            String lastId = events.substring(events.lastIndexOf("\nid:") + 4, events.lastIndexOf("\nevent:post"));
            assertThat(lastId).isNotBlank();

            // Live-change subscribers are told too, so that they resubscribe to another instance.
            assertThat(changes.readUntil(LAST_CHUNK)).contains("event:shutdown").endsWith(LAST_CHUNK);

            // NDJSON cannot say "shutdown" in-band: its body is cut off without the final chunk.
            assertThat(ndjson.readUntil(LAST_CHUNK)).doesNotEndWith(LAST_CHUNK);

            assertThat(server.exitsWithin(Duration.ofSeconds(15))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.output()).contains("Graceful shutdown complete");
        }
    }
}

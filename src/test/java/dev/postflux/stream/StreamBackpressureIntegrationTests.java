package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rows flow from PostgreSQL to the socket at the client's pace, and stop the moment the client leaves. */
class StreamBackpressureIntegrationTests extends IntegrationTest {

    private static final int POSTS = 100_000;
    private static final int PAGES = POSTS / 1_000;

    @LocalServerPort
    int port;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    StreamLimiter limiter;

    @BeforeEach
    void aHundredPagesOfPosts() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, POSTS, Instant.parse("2026-01-01T00:00:00.000Z"));
        statements.clear();
    }

    @Test
    void aSlowReaderSlowsTheQueriesDownInsteadOfMakingTheServerBufferTheTable() throws Exception {
        try (var stream = RawHttpStream.get(port, "/posts", "text/event-stream", 4096)) {
            stream.read(64 * 1024);

            // While the client pauses, the server must stop a few pages ahead, however long the pause.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> pageQueries() <= 8);
            int pausedAt = pageQueries();

            stream.read(3 * 1024 * 1024);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> pageQueries() <= pausedAt + 20);
            assertThat(pageQueries()).isGreaterThan(pausedAt).isLessThan(PAGES);
        }
    }

    @Test
    void aReaderThatKeepsUpGetsEveryRow() throws Exception {
        try (var stream = RawHttpStream.get(port, "/posts?fields=id", "application/x-ndjson", 64 * 1024)) {
            String body = stream.readUntil("\r\n0\r\n\r\n");

            assertThat(body.split("\"id\":", -1)).hasSize(POSTS + 1);
            assertThat(pageQueries()).isEqualTo(PAGES + 1);
        }
    }

    @Test
    void disconnectingClientsCancelTheirQueriesAndFreeThePoolWithinASecond() throws Exception {
        List<RawHttpStream> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var stream =
                    RawHttpStream.get(port, "/posts", i % 2 == 0 ? "text/event-stream" : "application/x-ndjson", 4096);
            stream.read(16 * 1024);
            streams.add(stream);
        }
        var pool = (ConnectionPool) connectionFactory;

        for (var stream : streams) {
            stream.close();
        }

        await().atMost(Duration.ofSeconds(1))
                .until(() -> pool.getMetrics().orElseThrow().acquiredSize() == 0);
        await().atMost(Duration.ofSeconds(1)).until(() -> limiter.openStreams() == 0);
        assertThat(sql.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'postflux'"
                                + " AND state <> 'idle'",
                        Long.class))
                .isZero();
    }

    private int pageQueries() {
        return (int) statements.queries().stream()
                .filter(sql -> sql.contains("FROM posts p") && sql.contains("ORDER BY p.created_at DESC"))
                .count();
    }
}

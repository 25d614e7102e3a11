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
    private static final int PAGE_SIZE = 1_000;
    private static final int PAGES = POSTS / PAGE_SIZE;

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
            String first = stream.read(64 * 1024);
            double bytesPerRow = (double) first.length() / (first.split("\nevent:post\n", -1).length - 1);

            // While the client pauses, the server must stop, however long the pause, and stop within what its
            // write pipeline and the kernel's socket buffer can hold: not read on through the table.
            int pausedAt = pageQueriesOnceTheyStop();
            assertThat(pausedAt)
                    .as("pages read while the client paused (%.0f bytes a row)", bytesPerRow)
                    .isLessThanOrEqualTo(pagesInFlightAtMost(bytesPerRow))
                    .isLessThan(PAGES / 2);

            stream.read(3 * 1024 * 1024);
            int resumedTo = pageQueriesOnceTheyStop();
            assertThat(resumedTo).isGreaterThan(pausedAt).isLessThan(PAGES);
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

    /** Polls until two readings a second apart agree, which is when the server has stopped reading ahead. */
    private int pageQueriesOnceTheyStop() {
        int[] last = {-1};
        await().pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    int now = pageQueries();
                    boolean stopped = now == last[0];
                    last[0] = now;
                    return stopped;
                });
        return last[0];
    }

    /**
     * What a stalled client may legitimately cost: the writes Reactor Netty requests ahead of the socket (32 small
     * rows each), what the kernel's send buffer holds, and the three pages the keyset stream keeps (the one being
     * written, the one queued behind it, and the next, fetched meanwhile), plus its small first page.
     */
    private static int pagesInFlightAtMost(double bytesPerRow) {
        double rows = StalledClient.WRITE_PREFETCH * StreamWrites.ROWS_PER_WRITE
                + StalledClient.kernelSendBufferMax() / bytesPerRow;
        return (int) Math.ceil(rows / PAGE_SIZE) + 3 + 1;
    }

    private int pageQueries() {
        return (int) statements.queries().stream()
                .filter(sql -> sql.contains("FROM posts p") && sql.contains("ORDER BY p.created_at DESC"))
                .count();
    }
}

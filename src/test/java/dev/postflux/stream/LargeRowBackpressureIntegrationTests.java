package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that stops reading a stream of the largest posts costs the server a bounded number of bytes, not a
 * bounded number of rows: rows counted alone (32 per write, 1,000 per page) let one such stream hold the table.
 */
class LargeRowBackpressureIntegrationTests extends IntegrationTest {

    private static final int POSTS = 3_000;
    /** The longest body a post may have (V2__create_posts.sql). */
    private static final int BODY_CHARACTERS = 50_000;

    private static final String EVENT = "\nevent:post\n";

    @LocalServerPort
    int port;

    @Autowired
    StreamingProperties properties;

    @BeforeEach
    void threeThousandPostsOfTheLongestBody() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, body, created_at, updated_at)"
                + " SELECT " + ada + ", 'Post ' || g, repeat('x', " + BODY_CHARACTERS + "),"
                + " timestamptz '2026-01-01T00:00:00Z' + g * interval '1 millisecond',"
                + " timestamptz '2026-01-01T00:00:00Z' + g * interval '1 millisecond'"
                + " FROM generate_series(1, " + POSTS + ") g; COMMIT;");
        statements.clear();
    }

    @Test
    void aStalledClientMakesTheServerHoldABoundedNumberOfBytesOfLargeRows() throws Exception {
        try (var stream = RawHttpStream.get(port, "/posts", "text/event-stream", 4096)) {
            String first = stream.read(256 * 1024);
            int firstEvent = first.indexOf(EVENT);
            int bytesPerRow = first.indexOf(EVENT, firstEvent + 1) - firstEvent;

            // While the client pauses, the server reads on only as far as its pages and writes may hold in bytes.
            long held = rowsReadOnceTheyStop() - events(stream.received());
            assertThat(held)
                    .as("rows read but not received while the client paused (%d bytes a row)", bytesPerRow)
                    .isLessThanOrEqualTo(rowsInFlightAtMost(bytesPerRow))
                    .isLessThan(POSTS / 10);

            long readBefore = rowsRead();
            stream.read(16 * 1024 * 1024);
            assertThat(rowsReadOnceTheyStop()).isGreaterThan(readBefore);
        }
    }

    /**
     * What a stalled client may legitimately cost, in rows of this size: three pages of about {@code page-bytes}
     * each (at least {@link KeysetStreams#MIN_PAGE_ROWS} rows), the rows handed to the encoding thread, the writes
     * Reactor Netty requests ahead of the socket (at most {@link StreamWrites#BYTES_PER_WRITE} each), the write being
     * filled, a row cut into pieces on either side of those, and what the kernel's send buffer holds.
     */
    private long rowsInFlightAtMost(int bytesPerRow) {
        long pageBytes = Math.max(properties.pageBytes().toBytes(), (long) KeysetStreams.MIN_PAGE_ROWS * bytesPerRow);
        long bytes = 3 * pageBytes
                + (long) StalledClient.WRITE_PREFETCH * StreamWrites.BYTES_PER_WRITE
                + StreamWrites.BYTES_PER_WRITE
                + StalledClient.kernelSendBufferMax();
        return bytes / bytesPerRow + KeysetStreams.MIN_PAGE_ROWS + 3;
    }

    /** Polls until two readings a second apart agree, which is when the server has stopped reading ahead. */
    private long rowsReadOnceTheyStop() {
        long[] last = {-1};
        await().pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    long now = rowsRead();
                    boolean stopped = now == last[0];
                    last[0] = now;
                    return stopped;
                });
        return last[0];
    }

    /** The rows the page queries asked for (their LIMIT, the last value bound), at most the table. */
    private long rowsRead() {
        long asked = statements.pageLimits("FROM posts p").stream()
                .mapToLong(Long::longValue)
                .sum();
        return Math.min(asked, POSTS);
    }

    private static long events(String received) {
        return received.split(EVENT, -1).length - 1;
    }
}

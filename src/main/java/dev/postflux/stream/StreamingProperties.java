package dev.postflux.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of streamed lists.
 *
 * @param maxConcurrentStreams open streams allowed at once; beyond it new streams get 503 with Retry-After
 * @param maxStreamsPerClient open streams (lists and live events) one client may hold; beyond it 429 with
 *     Retry-After. A client is its token's user, else its address
 * @param pageSize rows each keyset query of a stream reads at most
 * @param pageBytes what a page of a stream should hold, encoded: pages of larger rows ask for fewer rows (at least
 *     10), and a page stops at this many characters of text when rows grow within it, so that what a stream holds
 *     is bounded in bytes, not only in rows
 * @param pageQueryConcurrency page queries of all streams that may run at once, so that streams can never hold
 *     more than this many pool connections and plain requests keep the rest
 * @param retryAfter what a refused stream is told to wait
 * @param pageQueryTimeout client-side budget of one page query: a frozen database fails the stream (the client
 *     resumes with Last-Event-ID or after) instead of holding it and its connection forever
 */
@ConfigurationProperties("postflux.streaming")
public record StreamingProperties(
        @DefaultValue("256") int maxConcurrentStreams,
        @DefaultValue("8") int maxStreamsPerClient,
        @DefaultValue("1000") int pageSize,
        @DefaultValue("1MB") DataSize pageBytes,
        @DefaultValue("4") int pageQueryConcurrency,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("15s") Duration pageQueryTimeout) {}

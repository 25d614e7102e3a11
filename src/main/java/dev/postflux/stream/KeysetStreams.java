package dev.postflux.stream;

import dev.postflux.common.web.Cursor;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;

/**
 * Streams a whole keyset-ordered list as a sequence of short page queries, each run only when the client has
 * taken the page before the previous one: the next page's query runs while the current page is encoded and
 * written. Memory stays at about three pages whatever the table size; a slow client slows the queries down;
 * between pages a stream holds no connection; a disconnect cancels at most one page query.
 */
@Component
public class KeysetStreams {

    private final int pageSize;
    private final Duration pageQueryTimeout;
    /** A reactive semaphore (reactor-pool of tokens): page queries of all streams wait here, not in the pool. */
    private final InstrumentedPool<Object> pageSlots;

    KeysetStreams(StreamingProperties properties) {
        this.pageSize = properties.pageSize();
        this.pageQueryTimeout = properties.pageQueryTimeout();
        this.pageSlots = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, properties.pageQueryConcurrency())
                .maxPendingAcquireUnbounded()
                .buildPool();
    }

    /**
     * @param after start after this row (null: from the newest)
     * @param limit at most this many rows in all
     * @param fetchPage reads up to {@code size} rows after a cursor, in list order
     */
    public <T> Flux<T> stream(
            Cursor after,
            long limit,
            BiFunction<Cursor, Integer, Mono<List<T>>> fetchPage,
            Function<T, Cursor> cursorOf) {
        int size = (int) Math.min(pageSize, limit);
        // The hand-off to another thread is what lets the next page's query start before the current page is
        // encoded: without it, a page's rows are encoded and written inside the onNext that delivers the page,
        // and expand() asks for the next page only after that returns, so PostgreSQL and the encoding took
        // turns (SSE of 100,000 posts: 91-101k rows/s without it, 109-117k with it; docs/benchmarks.md). The
        // queue it adds holds one page of rows.
        return page(fetchPage, after, size)
                .expand(rows -> rows.size() < size
                        ? Mono.empty()
                        : page(fetchPage, cursorOf.apply(rows.get(rows.size() - 1)), size))
                .concatMap(Flux::fromIterable, 1)
                .publishOn(Schedulers.parallel(), size)
                .take(limit, true);
    }

    private <T> Mono<List<T>> page(BiFunction<Cursor, Integer, Mono<List<T>>> fetchPage, Cursor after, int size) {
        return pageSlots
                .withPoolable(slot -> fetchPage.apply(after, size).timeout(pageQueryTimeout))
                .next();
    }
}

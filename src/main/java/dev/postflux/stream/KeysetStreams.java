package dev.postflux.stream;

import dev.postflux.common.web.Cursor;
import dev.postflux.database.Abandonment;
import java.time.Duration;
import java.util.List;
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
 * written. Memory stays at about three pages whatever the table size, and a page holds about
 * {@code postflux.streaming.page-bytes} whatever the row size: it asks for fewer rows when rows are large, and stops
 * at that many characters of text when they grow within it ({@link PageRows}); a slow client slows
 * the queries down; between pages a stream holds no connection; a disconnect cancels at most one page query.
 */
@Component
public class KeysetStreams {

    /** The fewest rows a page asks for, however large its rows: fewer, and round trips would dominate. */
    static final int MIN_PAGE_ROWS = 10;

    private final int pageSize;
    private final long pageBytes;
    private final Duration pageQueryTimeout;
    /** A reactive semaphore (reactor-pool of tokens): page queries of all streams wait here, not in the pool. */
    private final InstrumentedPool<Object> pageSlots;

    KeysetStreams(StreamingProperties properties) {
        this.pageSize = properties.pageSize();
        this.pageBytes = properties.pageBytes().toBytes();
        this.pageQueryTimeout = properties.pageQueryTimeout();
        this.pageSlots = PoolBuilder.from(Mono.just(new Object()))
                .sizeBetween(0, properties.pageQueryConcurrency())
                .maxPendingAcquireUnbounded()
                .buildPool();
    }

    /**
     * @param after start after this row (null: from the newest)
     * @param limit at most this many rows in all
     * @param fetchPage reads a page, in list order: the rows the query asks for, or fewer when the list ends or
     *     they reach the query's text budget
     */
    public <T> Flux<T> stream(
            Cursor after, long limit, Function<PageQuery, Mono<PageRows<T>>> fetchPage, Function<T, Cursor> cursorOf) {
        return stream(after, limit, 1, fetchPage, cursorOf);
    }

    /**
     * As {@link #stream(Cursor, long, Function, Function)}, for rows that each bring up to {@code rowsEach} rows
     * of the database with them (a user with its posts): a page asks for at most {@code page-size} of those in all,
     * at least one row.
     */
    public <T> Flux<T> stream(
            Cursor after,
            long limit,
            int rowsEach,
            Function<PageQuery, Mono<PageRows<T>>> fetchPage,
            Function<T, Cursor> cursorOf) {
        return Flux.deferContextual(context -> {
            var reading = new Reading<>(fetchPage, RowSizes.of(context), limit, Math.max(1, pageSize / rowsEach));
            // The hand-off to another thread is what lets the next page's query start before the current page is
            // encoded: without it, a page's rows are encoded and written inside the onNext that delivers the page,
            // and expand() asks for the next page only after that returns, so PostgreSQL and the encoding took
            // turns (SSE of 100,000 posts: 91-101k rows/s without it, 109-117k with it; docs/benchmarks.md). Its
            // queue holds a few rows, not a page: pages are sized in bytes, a queue can only count rows.
            // A page that ends the list, or brings the rows read up to the limit, is the last one asked for.
            return reading.firstPage(after)
                    .expand(page -> page.isLast() || page.readSoFar() >= limit
                            ? Mono.empty()
                            : reading.nextPage(cursorOf.apply(page.lastRow()), page.readSoFar()))
                    .concatMap(page -> Flux.fromIterable(page.rows()), 1)
                    .publishOn(Schedulers.parallel(), MIN_PAGE_ROWS)
                    .take(limit, true);
        });
    }

    /** One stream's page queries: how it reads its pages, how large its rows are, and its limits. */
    private final class Reading<T> {

        private final Function<PageQuery, Mono<PageRows<T>>> fetchPage;
        /** Null when nothing measures the stream's rows. */
        private final RowSizes sizes;

        private final long limit;
        private final int rowsAtMost;
        /** {@link #MIN_PAGE_ROWS}, unless pages are capped below it. */
        private final int rowsAtLeast;

        Reading(Function<PageQuery, Mono<PageRows<T>>> fetchPage, RowSizes sizes, long limit, int rowsAtMost) {
            this.fetchPage = fetchPage;
            this.sizes = sizes;
            this.limit = limit;
            this.rowsAtMost = rowsAtMost;
            this.rowsAtLeast = Math.min(MIN_PAGE_ROWS, rowsAtMost);
        }

        /** Unmeasured rows may be 50 KB each: a stream whose rows are measured starts with a small page. */
        Mono<Page<T>> firstPage(Cursor after) {
            return page(after, (int) Math.min(sizes == null ? rowsAtMost : rowsAtLeast, limit), 0);
        }

        /**
         * About {@code page-bytes} of rows by the rows encoded so far. The second page waits for the first row to be
         * measured: it is asked for as soon as the first page arrives, before any of its rows has been encoded.
         */
        Mono<Page<T>> nextPage(Cursor after, long readBefore) {
            long left = limit - readBefore;
            if (sizes == null) {
                return page(after, (int) Math.min(rowsAtMost, left), readBefore);
            }
            return sizes.firstRowMeasured()
                    .then(Mono.defer(() -> page(
                            after,
                            (int) Math.min(sizes.rowsIn(pageBytes, rowsAtLeast, rowsAtMost), left),
                            readBefore)));
        }

        private Mono<Page<T>> page(Cursor after, int size, long readBefore) {
            var query = new PageQuery(after, size, pageBytes);
            return pageSlots
                    .withPoolable(slot -> Abandonment.within(pageQueryTimeout, fetchPage.apply(query)))
                    .next()
                    .map(read -> new Page<>(
                            read.rows(),
                            size,
                            read.stoppedAtBudget(),
                            readBefore + read.rows().size()));
        }
    }

    /**
     * A page's rows, the number asked for, whether it stopped at its text budget, and the rows the stream has read
     * with it. A page with fewer rows than asked for is the list's last, unless the budget stopped it.
     */
    private record Page<T>(List<T> rows, int asked, boolean stoppedAtBudget, long readSoFar) {

        boolean isLast() {
            return rows.isEmpty() || (rows.size() < asked && !stoppedAtBudget);
        }

        T lastRow() {
            return rows.get(rows.size() - 1);
        }
    }
}

package dev.postflux.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.pool.PoolAcquirePendingLimitException;

/**
 * The r2dbc-pool, refusing an acquire on the caller's own thread when the pool is full and its queue of pending
 * acquires is too.
 *
 * <p>Why: reactor-pool enforces its pending limit inside its drain loop, and whichever thread runs that loop fails
 * the excess acquires of every other thread, running each refused request's whole error path (problem body,
 * response, access log) itself. While the pool stays exhausted (a locked table) the other event loops keep
 * queueing acquires faster than one thread fails them, so that thread never leaves the loop: it stopped serving its
 * own connections and tasks for as long as the exhaustion lasted (15 s in {@code DatabaseOutageIntegrationTests}),
 * and a quarter of all clients, health probes included, got no answer. Checked here first, the refusal happens on
 * the thread that asked, as reactor-pool's own fast path would have done had it won the race.
 *
 * <p>Also lends work that may be abandoned ({@link Abandonment}) connections that are not reused after it was.
 */
final class FastRefusalConnectionPool extends ConnectionPool {

    private final PoolMetrics metrics;
    private final Mono<Connection> create;

    FastRefusalConnectionPool(
            ConnectionPoolConfiguration configuration, Duration maxAcquireTime, ConnectionEviction eviction) {
        super(configuration);
        this.metrics = getMetrics().orElseThrow();
        Mono<Connection> pooled = withinAcquireTime(super.create(), maxAcquireTime);
        this.create = Mono.deferContextual(context -> {
            if (saturated()) {
                return Mono.error(new Refused(metrics.getMaxPendingAcquireSize()));
            }
            Abandonment abandonment = Abandonment.of(context);
            return abandonment == null
                    ? pooled
                    : pooled.map(connection -> new AbandonableConnection(connection, abandonment, eviction));
        });
    }

    @Override
    public Mono<Connection> create() {
        return create;
    }

    /**
     * The whole acquisition, its retries included, within {@code max-acquire-time}, failing as r2dbc-pool's own
     * limit does (an {@link R2dbcTimeoutException}: 503, retry shortly). r2dbc-pool applies that limit to each
     * attempt and retries an attempt that timed out as one whose connection failed validation, so with
     * {@code acquire-retry} at 16 a request waited up to 17 times the limit for a connection: past the request's
     * deadline, where a write that had not even reached the database was answered 504 "outcome unknown" (found by
     * a review on 2026-12-07). One timer per acquisition, as before.
     */
    private static Mono<Connection> withinAcquireTime(Mono<Connection> acquisition, Duration maxAcquireTime) {
        if (maxAcquireTime == null || maxAcquireTime.isNegative() || maxAcquireTime.isZero()) {
            return acquisition;
        }
        return acquisition.timeout(
                maxAcquireTime,
                Mono.error(() -> new R2dbcTimeoutException(
                        "Connection acquisition timed out after " + maxAcquireTime.toMillis() + "ms")));
    }

    /** Reactor-pool's own fast-fail condition: nothing idle, nothing more to allocate, and the queue is full. */
    private boolean saturated() {
        int maxPending = metrics.getMaxPendingAcquireSize();
        return maxPending >= 0
                && metrics.idleSize() == 0
                && metrics.allocatedSize() >= metrics.getMaxAllocatedSize()
                && metrics.pendingAcquireSize() >= maxPending;
    }

    /**
     * Without a stack trace: it is always this class's check, and under overload thousands are made a second
     * (filling in a reactive call stack, and Reactor's checkpoints copying it, was a tenth of a refusal's cost).
     */
    private static final class Refused extends PoolAcquirePendingLimitException {

        Refused(int maxPending) {
            super(maxPending);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

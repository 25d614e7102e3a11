package dev.postflux.database;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.pool.PooledRefMetadata;

/**
 * Which pooled connections to close: r2dbc-pool's own rules (idle too long, alive too long) plus one it lacks, a
 * connection still inside a transaction. A reactive transaction cancelled while its BEGIN is in flight can be
 * released to the pool before PostgreSQL answers; the connection then sits "idle in transaction", holding locks,
 * and the next request would run inside that stale transaction. reactor-pool tests this predicate on release, on
 * acquire and in the background sweep; closing the connection makes PostgreSQL roll the transaction back. And the
 * connections that abandoned work held ({@link AbandonableConnection}), which may still be running its query.
 */
final class ConnectionEviction {

    private final Duration maxIdleTime;
    private final Duration maxLifeTime;
    /** Connections to close when they are released: few, and only while their borrower releases them. */
    private final Set<Connection> abandoned = ConcurrentHashMap.newKeySet();

    ConnectionEviction(Duration maxIdleTime, Duration maxLifeTime) {
        this.maxIdleTime = maxIdleTime;
        this.maxLifeTime = maxLifeTime;
    }

    /** Closes {@code connection} when it is next released rather than reuse it; false if already so marked. */
    boolean evictWhenReleased(Connection connection) {
        return abandoned.add(connection);
    }

    boolean shouldEvict(Connection connection, PooledRefMetadata metadata) {
        if (!abandoned.isEmpty() && abandoned.remove(connection)) {
            return true;
        }
        if (!connection.isAutoCommit()) {
            return true;
        }
        if (isSet(maxIdleTime) && metadata.idleTime() >= maxIdleTime.toMillis()) {
            return true;
        }
        return isSet(maxLifeTime) && metadata.lifeTime() >= maxLifeTime.toMillis();
    }

    private static boolean isSet(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}

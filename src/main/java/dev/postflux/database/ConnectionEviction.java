package dev.postflux.database;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import reactor.pool.PooledRefMetadata;

/**
 * Which pooled connections to close: r2dbc-pool's own rules (idle too long, alive too long) plus one it lacks, a
 * connection still inside a transaction. A reactive transaction cancelled while its BEGIN is in flight can be
 * released to the pool before PostgreSQL answers; the connection then sits "idle in transaction", holding locks,
 * and the next request would run inside that stale transaction. reactor-pool tests this predicate on release, on
 * acquire and in the background sweep; closing the connection makes PostgreSQL roll the transaction back.
 */
final class ConnectionEviction {

    private final Duration maxIdleTime;
    private final Duration maxLifeTime;

    ConnectionEviction(Duration maxIdleTime, Duration maxLifeTime) {
        this.maxIdleTime = maxIdleTime;
        this.maxLifeTime = maxLifeTime;
    }

    boolean shouldEvict(Connection connection, PooledRefMetadata metadata) {
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

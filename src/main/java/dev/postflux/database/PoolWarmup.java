package dev.postflux.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Opens the pool's initial connections after migration and before the server takes traffic: it proves that the
 * R2DBC path works too (not only Flyway's JDBC one) and spares the first requests the connection set-up.
 */
final class PoolWarmup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PoolWarmup.class);

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;

    PoolWarmup(ConnectionFactory connectionFactory, Duration timeout) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (connectionFactory instanceof ConnectionPool pool) {
            // Start-up runs on the main thread, never on an event loop: waiting here is what we want.
            Integer opened = pool.warmup().block(timeout);
            log.info("Connection pool ready ({} connections opened)", opened);
        }
    }
}

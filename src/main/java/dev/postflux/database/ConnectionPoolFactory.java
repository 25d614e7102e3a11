package dev.postflux.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import java.util.List;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.util.StringUtils;

/**
 * Builds the process's one r2dbc-pool, as Spring Boot would, plus the settings Boot does not expose: a bounded
 * queue of pending acquires, background eviction, and server-side timeouts on every connection.
 */
final class ConnectionPoolFactory {

    /** Names our backends in {@code pg_stat_activity}, which is how operators and tests find them. */
    static final String APPLICATION_NAME = "postflux";

    private ConnectionPoolFactory() {}

    static ConnectionPool create(
            ConnectionFactoryOptions location,
            R2dbcProperties.Pool pool,
            DatabaseProperties database,
            List<ConnectionFactoryDecorator> decorators) {
        ConnectionFactory connectionFactory = ConnectionFactories.get(withTimeouts(location, database));
        for (ConnectionFactoryDecorator decorator : decorators) {
            connectionFactory = decorator.decorate(connectionFactory);
        }
        var builder = ConnectionPoolConfiguration.builder(connectionFactory).name("postflux");
        var map = PropertyMapper.get();
        map.from(pool.getMaxIdleTime()).to(builder::maxIdleTime);
        map.from(pool.getMaxLifeTime()).to(builder::maxLifeTime);
        // Not max-acquire-time: r2dbc-pool applies it to each attempt, and acquire-retry attempts again after a
        // timeout too, so a request waited up to 17 times as long (FastRefusalConnectionPool bounds the whole).
        map.from(pool.getAcquireRetry()).to(builder::acquireRetry);
        map.from(pool.getMaxCreateConnectionTime()).to(builder::maxCreateConnectionTime);
        map.from(pool.getInitialSize()).to(builder::initialSize);
        map.from(pool.getMaxSize()).to(builder::maxSize);
        map.from(pool.getValidationQuery()).whenHasText().to(builder::validationQuery);
        map.from(pool.getValidationDepth()).to(builder::validationDepth);
        map.from(pool.getMinIdle()).to(builder::minIdle);
        if (validatesOverTheNetwork(pool)) {
            map.from(pool.getMaxValidationTime()).to(builder::maxValidationTime);
        }
        builder.backgroundEvictionInterval(database.pool().backgroundEvictionInterval());
        int maxPending = database.pool().maxPendingAcquire();
        var eviction = new ConnectionEviction(pool.getMaxIdleTime(), pool.getMaxLifeTime());
        builder.customizer(
                poolBuilder -> poolBuilder.maxPendingAcquire(maxPending).evictionPredicate(eviction::shouldEvict));
        return new FastRefusalConnectionPool(builder.build(), pool.getMaxAcquireTime(), eviction);
    }

    /**
     * Whether validating an acquired connection waits on PostgreSQL. The default (local) validation only asks the
     * driver whether its socket is open, which cannot hang; r2dbc-pool would still arm a timer for it on Reactor's
     * shared parallel scheduler on every acquire, a lock and a cancel per request for nothing (docs/benchmarks.md).
     * A remote validation (a query or a round trip) keeps its time limit.
     */
    private static boolean validatesOverTheNetwork(R2dbcProperties.Pool pool) {
        return StringUtils.hasText(pool.getValidationQuery()) || pool.getValidationDepth() == ValidationDepth.REMOTE;
    }

    private static ConnectionFactoryOptions withTimeouts(
            ConnectionFactoryOptions location, DatabaseProperties database) {
        if ("pool".equals(String.valueOf(location.getValue(ConnectionFactoryOptions.DRIVER)))) {
            // A pool inside our pool would double every limit and hide the real one.
            throw new IllegalStateException(
                    "r2dbc:pool: URLs are not supported: PostFlux pools connections itself (see spring.r2dbc.pool.*)");
        }
        var options = ConnectionFactoryOptions.builder().from(location);
        setIfAbsent(location, options, ConnectionFactoryOptions.CONNECT_TIMEOUT, database.connectTimeout());
        setIfAbsent(
                location, options, PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, database.statementTimeout());
        setIfAbsent(location, options, PostgresqlConnectionFactoryProvider.APPLICATION_NAME, APPLICATION_NAME);
        setIfAbsent(location, options, PostgresqlConnectionFactoryProvider.TCP_KEEPALIVE, true);
        // Binary results: decoding a timestamptz from text went through DateTimeFormatter.parse, the largest single
        // cost of GET /users/{id} in the profile (docs/benchmarks.md).
        setIfAbsent(location, options, PostgresqlConnectionFactoryProvider.FORCE_BINARY, true);
        return options.build();
    }

    private static <T> void setIfAbsent(
            ConnectionFactoryOptions location, ConnectionFactoryOptions.Builder options, Option<T> option, T value) {
        if (!location.hasOption(option)) {
            options.option(option, value);
        }
    }
}

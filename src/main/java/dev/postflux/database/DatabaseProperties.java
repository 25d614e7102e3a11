package dev.postflux.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PostFlux's own database settings; pool sizes and timeouts that Spring Boot already names live under
 * {@code spring.r2dbc.pool.*}.
 *
 * @param statementTimeout server-side {@code statement_timeout} of every pooled connection
 * @param connectTimeout TCP connect timeout of R2DBC connections (Flyway's JDBC one has its own: DatabaseUrl#jdbcUrl)
 * @param healthTimeout how long the readiness check waits for the database before it reports it DOWN
 * @param pool settings r2dbc-pool has but Spring Boot does not expose
 * @param embedded the embedded PostgreSQL used when no database is configured
 */
@ConfigurationProperties("postflux.database")
public record DatabaseProperties(
        @DefaultValue("10s") Duration statementTimeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue Pool pool,
        @DefaultValue Embedded embedded) {

    /**
     * @param maxPendingAcquire requests allowed to wait for a connection; beyond it they fail fast (503)
     * @param backgroundEvictionInterval how often idle and expired connections are checked in the background
     */
    public record Pool(
            @DefaultValue("1000") int maxPendingAcquire,
            @DefaultValue("5s") Duration backgroundEvictionInterval) {}

    /**
     * @param dataDirectory where the embedded cluster keeps its data across restarts
     * @param port its port; 0 picks a free one
     */
    public record Embedded(
            @DefaultValue(".postflux/pgdata") Path dataDirectory,
            @DefaultValue("0") int port) {}
}

package dev.postflux.database;

import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates at start-up, before the server takes traffic, and turns "the database cannot be reached" into one
 * clear line and a non-zero exit instead of a stack trace. {@code spring.flyway.connect-retries} sets how long
 * start-up waits for a database that is still coming up.
 */
final class VerifiedMigration implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(VerifiedMigration.class);

    private final ObjectProvider<FlywayConnectionDetails> location;
    private final boolean migrateOnStart;

    VerifiedMigration(ObjectProvider<FlywayConnectionDetails> location, boolean migrateOnStart) {
        this.location = location;
        this.migrateOnStart = migrateOnStart;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (!migrateOnStart) {
            return;
        }
        try {
            var result = flyway.migrate();
            log.info(
                    "Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            SQLException connectionFailure = connectionFailure(e);
            if (connectionFailure == null) {
                throw e;
            }
            var unavailable = new DatabaseUnavailableException(describeLocation(), reason(connectionFailure), e);
            log.error(unavailable.getMessage());
            throw unavailable;
        }
    }

    private String describeLocation() {
        FlywayConnectionDetails details = location.getIfAvailable();
        if (details == null || details.getJdbcUrl() == null) {
            return "the configured database";
        }
        try {
            var url = DatabaseUrl.parse(details.getJdbcUrl());
            String user = details.getUsername() != null ? details.getUsername() : url.username();
            return new DatabaseUrl(url.host(), url.port(), url.database(), user, null, Map.of()).describe();
        } catch (IllegalArgumentException e) {
            return "the configured database";
        }
    }

    /** SQLSTATE classes 08 (connection), 28 (authentication) and 3D (no such database) mean "cannot reach it". */
    private static SQLException connectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("28")
                            || sql.getSQLState().startsWith("3D"))) {
                return sql;
            }
        }
        return null;
    }

    private static String reason(SQLException failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

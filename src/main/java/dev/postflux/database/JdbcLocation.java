package dev.postflux.database;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * A {@link DatabaseUrl} offered to Spring Boot as the JDBC connection that Flyway opens for the migration and
 * closes afterwards. Nothing else in the server uses JDBC.
 */
record JdbcLocation(DatabaseUrl url) implements JdbcConnectionDetails, FlywayConnectionDetails {

    @Override
    public String getJdbcUrl() {
        return url.jdbcUrl();
    }

    @Override
    public String getUsername() {
        return url.username();
    }

    @Override
    public String getPassword() {
        return url.password();
    }

    @Override
    public String getDriverClassName() {
        return "org.postgresql.Driver";
    }
}

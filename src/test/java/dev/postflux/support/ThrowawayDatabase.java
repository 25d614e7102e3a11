package dev.postflux.support;

import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An empty database of its own on the test PostgreSQL server, dropped on close: for tests that migrate, undo or
 * seed, so that the schema the other tests share is never touched.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    private final String name = "throwaway_" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final JdbcTemplate admin;
    private final SimpleDriverDataSource dataSource;

    public ThrowawayDatabase() {
        var location = TestDatabase.location();
        admin = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), location.jdbcUrl(), location.username(), location.password()));
        admin.execute("CREATE DATABASE " + name);
        dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                location.jdbcUrl().replace("/" + location.database() + "?", "/" + name + "?"),
                location.username(),
                location.password());
    }

    /** As {@code DATABASE_URL} expects it: {@code postgres://user:password@host:port/name}. */
    public String url() {
        var location = TestDatabase.location();
        String password = location.password() == null || location.password().isEmpty() ? "" : ":" + location.password();
        return "postgres://" + location.username() + password + "@" + location.host() + ":" + location.port() + "/"
                + name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}

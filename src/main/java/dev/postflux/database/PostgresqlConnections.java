package dev.postflux.database;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;

/** Reaches the driver's own connection, for what only r2dbc-postgresql offers (LISTEN, cancel requests). */
public final class PostgresqlConnections {

    private PostgresqlConnections() {}

    /**
     * The r2dbc-postgresql connection under {@code connection}'s wrappers (the pool's, r2dbc-proxy's when the SQL
     * log is on), or null when another driver is underneath.
     */
    public static PostgresqlConnection under(Connection connection) {
        Object current = connection;
        while (!(current instanceof PostgresqlConnection) && current instanceof Wrapped<?> wrapped) {
            current = wrapped.unwrap();
        }
        return current instanceof PostgresqlConnection postgres ? postgres : null;
    }
}

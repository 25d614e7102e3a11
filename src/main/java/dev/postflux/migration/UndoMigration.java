package dev.postflux.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reverts the last applied versioned migration, as {@code sequelize-cli db:migrate:undo} does: runs its paired
 * down script {@code U<n>__*.sql} and removes its row from Flyway's history, in one transaction, so that a failing
 * down script changes nothing. Flyway's community edition has no undo; this is the small part of it we need.
 */
public final class UndoMigration {

    /** Where the migrations ship inside the jar (copied there from the top-level migrations/ folder). */
    public static final String LOCATION = "classpath:db/migration/";

    private final DataSource dataSource;

    public UndoMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the version reverted, or null when no versioned migration is applied */
    public String undoLast() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String version = undoLast(connection);
                connection.commit();
                return version;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Undo failed: " + e.getMessage(), e);
        }
    }

    private static String undoLast(Connection connection) throws SQLException {
        try (var last = connection
                .createStatement()
                .executeQuery(
                        "SELECT installed_rank, version FROM flyway_schema_history"
                                + " WHERE success AND version IS NOT NULL AND type = 'SQL' ORDER BY installed_rank DESC LIMIT 1 FOR UPDATE")) {
            if (!last.next()) {
                return null;
            }
            int rank = last.getInt(1);
            String version = last.getString(2);
            connection.createStatement().execute(downScript(version));
            try (var delete =
                    connection.prepareStatement("DELETE FROM flyway_schema_history WHERE installed_rank = ?")) {
                delete.setInt(1, rank);
                delete.executeUpdate();
            }
            return version;
        }
    }

    static String downScript(String version) {
        try {
            Resource[] found =
                    new PathMatchingResourcePatternResolver().getResources(LOCATION + "U" + version + "__*.sql");
            if (found.length != 1) {
                throw new IllegalStateException("Expected one down script U" + version + "__*.sql, found "
                        + Arrays.stream(found).map(Resource::getFilename).toList());
            }
            return found[0].getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

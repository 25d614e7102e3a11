package dev.postflux.support;

import dev.postflux.database.DatabaseUrl;
import dev.postflux.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL that all tests of a JVM share: {@code TEST_DATABASE_URL} when set, else a Testcontainers
 * PostgreSQL when a Docker engine answers, else an embedded PostgreSQL in a fresh temporary directory.
 */
public final class TestDatabase {

    private static final String IMAGE = "postgres:18-alpine";

    private static String url;
    private static PostgreSQLContainer container;

    private TestDatabase() {}

    /**
     * The database as a {@code DATABASE_URL}: what a server started in another process, or a second server in this
     * one, is given. (The server of the integration tests gets a container as a service connection instead.)
     */
    public static synchronized String url() {
        start();
        if (container != null) {
            return "postgres://" + container.getUsername() + ":" + container.getPassword() + "@" + container.getHost()
                    + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
        }
        return url;
    }

    /** The Testcontainers PostgreSQL, or null when another source serves the tests. */
    public static synchronized PostgreSQLContainer container() {
        start();
        return container;
    }

    /** A JDBC connection of the test's own to that database (to hold a lock, to watch pg_stat_activity). */
    public static java.sql.Connection openJdbc() throws java.sql.SQLException {
        DatabaseUrl database = location();
        return java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /** Where fixtures connect; the same database the server under test uses. */
    public static synchronized DatabaseUrl location() {
        start();
        if (container != null) {
            return new DatabaseUrl(
                    container.getHost(),
                    container.getMappedPort(5432),
                    container.getDatabaseName(),
                    container.getUsername(),
                    container.getPassword(),
                    java.util.Map.of());
        }
        return DatabaseUrl.parse(url);
    }

    private static void start() {
        if (url != null || container != null) {
            return;
        }
        String given = System.getenv("TEST_DATABASE_URL");
        if (given != null && !given.isBlank()) {
            url = given;
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
            container = new PostgreSQLContainer(IMAGE);
            container.start();
        } else {
            url = startEmbedded();
        }
    }

    private static String startEmbedded() {
        try {
            var directory = Files.createTempDirectory("postflux-test-pg");
            // Stopped by the hook below alone, then deleted: zonky's own hook would stop it concurrently, and the
            // deletion then raced its last writes and left the directory (393 MB after a full run) behind.
            var database = EmbeddedDatabase.startClosedByItsOwner(directory.resolve("data"), 0);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    database.close();
                                } finally {
                                    TemporaryDirectories.delete(directory);
                                }
                            },
                            "embedded-postgres-stop"));
            var location = database.url();
            return "postgres://" + location.username() + "@" + location.host() + ":" + location.port() + "/"
                    + location.database();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.postflux.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries that zonky ships as a Maven artifact, so that a machine
 * with only a JDK can run the server and the tests. Its data directory survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (initialising on first use) the cluster in {@code dataDirectory}; port 0 picks a free one. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    // zonky turns synchronous_commit off for speed; then a commit we answered 2xx for could be lost
                    // if PostgreSQL crashed. fsync stays off (zonky's -F): a crash of the processes loses nothing,
                    // a crash of the machine could; production runs a real PostgreSQL (docs/reliability.md).
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            var database = new EmbeddedDatabase(builder.start());
            log.info("Embedded PostgreSQL serving {} from {}", database.url(), dataDirectory.toAbsolutePath());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL failed to start in " + dataDirectory, e);
        }
    }

    /** Where the embedded server listens; zonky initialises it with a trusted {@code postgres} superuser. */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", null, Map.of());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

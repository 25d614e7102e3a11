package dev.postflux.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries that zonky ships as a Maven artifact, so that a machine
 * with only a JDK can run the server and the tests. Its data directory survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The line of {@code postmaster.pid} (counted from 0) that holds the port: the 4th, after pid, data and start. */
    private static final int PID_FILE_PORT_LINE = 3;

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts (initialising on first use) the cluster in {@code dataDirectory}; port 0 picks a free one. It stops when
     * closed, or at the latest when the JVM exits.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    /**
     * As {@link #start(Path, int)}, but stopped only when closed: the server's, which its context closes after the
     * graceful shutdown. zonky's own stop at JVM exit runs beside that shutdown, not after it, and took the database
     * from requests still being answered.
     */
    public static EmbeddedDatabase startClosedByItsOwner(Path dataDirectory, int port) {
        return start(dataDirectory, port, false);
    }

    private static EmbeddedDatabase start(Path dataDirectory, int port, boolean stopAtJvmExit) {
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
                    .setServerConfig("timezone", "UTC")
                    .setRegisterShutdownHook(stopAtJvmExit);
            if (port > 0) {
                builder.setPort(port);
            }
            var postgres = startLocked(builder, dataDirectory);
            var database = new EmbeddedDatabase(postgres, postgres.getPort());
            log.info("Embedded PostgreSQL serving {} from {}", database.url(), dataDirectory.toAbsolutePath());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL failed to start in " + dataDirectory, e);
        }
    }

    /**
     * The PostgreSQL that another process (a dev server, {@code embedded-db}) already runs on {@code dataDirectory},
     * else one started here. Closing an attached one leaves it running: it belongs to that process.
     */
    public static EmbeddedDatabase attachOrStart(Path dataDirectory, int port) {
        return runningPort(dataDirectory)
                .filter(running -> servesDirectory(running, dataDirectory))
                .map(running -> {
                    var database = new EmbeddedDatabase(null, running);
                    log.info("Embedded PostgreSQL already serving {} at {}", dataDirectory, database.url());
                    return database;
                })
                .orElseGet(() -> start(dataDirectory, port));
    }

    /**
     * The port of the PostgreSQL serving {@code dataDirectory}, read from its {@code postmaster.pid} (pid, data
     * directory, start time, port, ...), when the process it names is alive and, as far as the OS tells, postgres.
     */
    static Optional<Integer> runningPort(Path dataDirectory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() <= PID_FILE_PORT_LINE || !isPostgres(lines.get(0).strip())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(lines.get(PID_FILE_PORT_LINE).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the PostgreSQL on {@code port} is the one of {@code dataDirectory}: a stale {@code postmaster.pid}
     * can name a port another cluster has taken since, and a command must not migrate, seed or undo someone
     * else's database.
     */
    static boolean servesDirectory(int port, Path dataDirectory) {
        var location = new EmbeddedDatabase(null, port).url();
        try (var connection = DriverManager.getConnection(location.jdbcUrl(), location.username(), "");
                var result = connection.createStatement().executeQuery("SHOW data_directory")) {
            return result.next() && Path.of(result.getString(1)).toRealPath().equals(dataDirectory.toRealPath());
        } catch (SQLException | IOException e) {
            log.info("No PostgreSQL of {} on port {}: {}", dataDirectory, port, e.getMessage());
            return false;
        }
    }

    private static boolean isPostgres(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    // A stale file's pid may since name another program; when the OS does not say, trust the file.
                    .map(process -> process.info().command().orElse("postgres").contains("postgres"))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static EmbeddedPostgres startLocked(EmbeddedPostgres.Builder builder, Path dataDirectory)
            throws IOException {
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("could not lock")) {
                throw e;
            }
            throw new IllegalStateException(
                    "another process is starting or running the embedded PostgreSQL in " + dataDirectory + " ("
                            + e.getMessage() + "); stop it, or try again once it is up",
                    e);
        }
    }

    /** Where the embedded server listens; zonky initialises it with a trusted {@code postgres} superuser. */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", port, "postgres", "postgres", null, Map.of());
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.postflux.support;

import dev.postflux.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL of one test's own, to restart, freeze or cut off without disturbing the database every other test
 * shares. Always an embedded server in a temporary directory on a fixed port, because these tests send signals
 * to its processes; the port stays the same across restarts, as a real server's does.
 */
public final class DisposableDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedDatabase running;

    private DisposableDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public static DisposableDatabase start() throws IOException {
        var database = new DisposableDatabase(
                Files.createTempDirectory("postflux-fault-pg").resolve("data"), FreePorts.next());
        database.running = EmbeddedDatabase.start(database.dataDirectory, database.port);
        return database;
    }

    /** The DATABASE_URL a server under test gets. */
    public String url() {
        return "postgres://postgres@localhost:" + port + "/postgres";
    }

    /** Stops PostgreSQL (fast shutdown: sessions are disconnected, as {@code pg_ctl restart -m fast} does). */
    public void stop() {
        running.close();
        running = null;
    }

    /**
     * Crashes PostgreSQL: SIGQUIT to the postmaster is an immediate shutdown ({@code pg_ctl stop -m immediate}),
     * with no checkpoint; the next start runs crash recovery from the WAL.
     */
    public void crash() {
        postgresProcesses().findFirst().ifPresent(postmaster -> {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster))
                        .inheritIO()
                        .start()
                        .waitFor();
                ProcessHandle.of(postmaster).ifPresent(handle -> handle.onExit().join());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            // Releases zonky's lock on the data directory; its pg_ctl stop finds nothing to stop.
            running.close();
        } catch (RuntimeException alreadyDown) {
            // Expected: the server is gone.
        }
        running = null;
    }

    public void startAgain() {
        running = EmbeddedDatabase.start(dataDirectory, port);
    }

    /** SIGSTOP to every PostgreSQL process: sockets stay open, nothing answers. */
    public void freeze() {
        signal("-STOP");
    }

    public void thaw() {
        signal("-CONT");
    }

    /** Terminates every backend of the server under test, as an operator or a failover would. */
    public int terminateBackends(String applicationName) {
        return queryForInt("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                + applicationName + "'");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public int queryForInt(String sql) {
        try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops PostgreSQL if it runs, and deletes its files: each of these databases takes about 40 MB. */
    @Override
    public void close() {
        if (running != null) {
            thaw();
            running.close();
            running = null;
        }
        TemporaryDirectories.delete(dataDirectory.getParent());
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        postgresProcesses().forEach(pid -> command.add(Long.toString(pid)));
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Stream<Long> postgresProcesses() {
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Stream.empty();
            }
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(postmaster)
                    .map(handle -> Stream.concat(Stream.of(handle), handle.descendants()))
                    .orElseGet(Stream::empty)
                    .map(ProcessHandle::pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

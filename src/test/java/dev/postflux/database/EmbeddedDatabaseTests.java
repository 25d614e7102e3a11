package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command tells that a PostgreSQL already serves a data directory: its {@code postmaster.pid}. */
class EmbeddedDatabaseTests {

    @TempDir
    Path directory;

    @Test
    void aDirectoryWithoutPostmasterPidHasNoRunningPostgres() {
        assertThat(EmbeddedDatabase.runningPort(directory)).isEmpty();
    }

    @Test
    void aPostmasterPidNamingAnEndedProcessIsStale() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        pidFile(ended.pid(), "5499");

        assertThat(EmbeddedDatabase.runningPort(directory)).isEmpty();
    }

    @Test
    void aPostmasterPidNamingALiveProcessThatIsNotPostgresIsStale() throws Exception {
        pidFile(ProcessHandle.current().pid(), "5499");

        assertThat(EmbeddedDatabase.runningPort(directory)).isEmpty();
    }

    @Test
    void aTruncatedPostmasterPidIsIgnored() throws Exception {
        Files.writeString(
                directory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(EmbeddedDatabase.runningPort(directory)).isEmpty();
    }

    /** A stale postmaster.pid can name a port another cluster took since: a command must not use that one. */
    @Test
    void attachesOnlyToThePostgresqlOfItsOwnDirectory() throws Exception {
        try (var running = EmbeddedDatabase.start(directory.resolve("pgdata"), 0)) {
            int port = running.url().port();

            assertThat(EmbeddedDatabase.servesDirectory(port, directory.resolve("pgdata")))
                    .isTrue();
            Files.createDirectories(directory.resolve("elsewhere"));
            assertThat(EmbeddedDatabase.servesDirectory(port, directory.resolve("elsewhere")))
                    .isFalse();
        }
    }

    /** The layout PostgreSQL writes: pid, data directory, start time, port, socket directory, address, ... */
    private void pidFile(long pid, String port) throws Exception {
        Files.writeString(
                directory.resolve("postmaster.pid"),
                String.join("\n", String.valueOf(pid), directory.toString(), "1796608256", port, "/tmp", "localhost")
                        + "\n  2170887    524294\nready   \n");
    }
}

package dev.postflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.PostFluxApplication;
import dev.postflux.support.ChildJvm;
import dev.postflux.support.FreePorts;
import dev.postflux.support.ThrowawayDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as a user runs them: a separate JVM through {@code main}, so that the exit code is the process's
 * and {@code DATABASE_URL} comes from the environment.
 */
class CommandLineTests {

    @Test
    void migrateUsesDatabaseUrlFromTheEnvironmentAndExitsZero() throws Exception {
        try (var database = new ThrowawayDatabase()) {
            var run = run(Map.of("DATABASE_URL", database.url()), "migrate");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("Applied 6 migration(s); schema at version 6");
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM flyway_schema_history", Long.class))
                    .isEqualTo(6);
        }
    }

    @Test
    void anUnknownCommandExitsWithTwoInsteadOfStartingTheServer() throws Exception {
        var run = run(Map.of(), "migrat");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output())
                .contains("Unknown command 'migrat'")
                .contains("Usage:")
                .doesNotContain("Netty");
    }

    @Test
    void aCommandThatCannotStartTheEmbeddedDatabaseSaysWhyInOneLine(@TempDir Path directory) throws Exception {
        // A data directory whose lock another process holds, before its PostgreSQL has written postmaster.pid.
        Path data = Files.createDirectories(directory.resolve("pgdata"));
        Files.writeString(data.resolve("postgresql.conf"), "");
        try (var lockFile = FileChannel.open(
                        data.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = lockFile.lock()) {
            var run = run(Map.of(), "info", "--postflux.database.embedded.data-directory=" + data);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output().lines())
                    .containsExactly("info failed: another process is starting or running the embedded PostgreSQL in "
                            + data + " (could not lock " + data.resolve("epg-lock")
                            + "); stop it, or try again once it is up");
        }
    }

    @Test
    void embeddedDbServesPostgresUntilStopped(@TempDir Path directory) throws Exception {
        int port = FreePorts.next();
        Process process =
                start(Map.of(), "embedded-db", "--port=" + port, "--data-directory=" + directory.resolve("pgdata"));
        try {
            String url = firstLineStartingWith(process, "DATABASE_URL=");

            assertThat(url).isEqualTo("DATABASE_URL=postgres://postgres@localhost:" + port + "/postgres");
            try (var connection = DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                    var result = connection.createStatement().executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
            assertThat(Files.exists(directory.resolve("pgdata/PG_VERSION"))).isTrue();
        } finally {
            process.destroy();
        }

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(accepts(port)).as("PostgreSQL stopped with the command").isFalse();
    }

    private static Run run(Map<String, String> environment, String... arguments) throws Exception {
        Process process = start(environment, arguments);
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("exited in time: " + output).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Process start(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.running(PostFluxApplication.class));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String firstLineStartingWith(Process process, String prefix) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the process ended without printing " + prefix);
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Run(int exitCode, String output) {}
}

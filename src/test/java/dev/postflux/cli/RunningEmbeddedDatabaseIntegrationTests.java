package dev.postflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.database.EmbeddedDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Commands pointed at the data directory of an embedded PostgreSQL that runs already (a dev server's): they use
 * it, since a second PostgreSQL cannot start there, and leave it running.
 */
class RunningEmbeddedDatabaseIntegrationTests {

    @TempDir
    static Path directory;

    private static EmbeddedDatabase running;

    @BeforeAll
    static void startTheDevServersDatabase() {
        running = EmbeddedDatabase.start(directory.resolve("pgdata"), 0);
    }

    @AfterAll
    static void stopIt() {
        running.close();
    }

    @Test
    void seedAndInfoUseThePostgresAlreadyServingTheDataDirectory() {
        var seed = run("seed");
        var info = run("info");

        assertThat(seed.exitCode()).as(seed.err()).isZero();
        assertThat(seed.out()).contains("Seeded demo data");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("(?m)^5 .*Success");
        assertThat(jdbc().queryForList("SELECT email FROM users ORDER BY id", String.class))
                .as("in the running PostgreSQL, which is still up")
                .containsExactly("ada@example.com", "grace@example.com", "alan@example.com");
    }

    @Test
    void attachingFindsTheRunningPostgresAndClosingLeavesItRunning() {
        var attached = EmbeddedDatabase.attachOrStart(directory.resolve("pgdata"), 0);
        attached.close();

        assertThat(attached.url()).isEqualTo(running.url());
        assertThat(jdbc().queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
    }

    private static JdbcTemplate jdbc() {
        var url = running.url();
        return new JdbcTemplate(
                new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl(), url.username(), ""));
    }

    private static InProcess.Run run(String command) {
        return InProcess.run(command, "--postflux.database.embedded.data-directory=" + directory.resolve("pgdata"));
    }
}

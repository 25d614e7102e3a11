package dev.postflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.ThrowawayDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jar's commands, run in-process through {@link Commands#runIfCommand} (what {@code main} calls) against a
 * database of their own: exit code, what they print, and what they leave in the database.
 */
class CommandsIntegrationTests {

    private static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6");

    private final ThrowawayDatabase database = new ThrowawayDatabase();
    private final JdbcTemplate jdbc = database.jdbc();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migrateAppliesEveryPendingMigrationThenNothing() {
        var first = run("migrate");
        var second = run("migrate");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Applied 6 migration(s); schema at version 6");
        assertThat(appliedVersions()).isEqualTo(VERSIONS);
        assertThat(tableExists("post_tags")).isTrue();
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Applied 0 migration(s); schema at version 6");
    }

    @Test
    void infoListsEveryMigrationWithItsState() {
        run("migrate", "--spring.flyway.target=3");

        var info = run("info");

        assertThat(info.exitCode()).isZero();
        assertThat(info.out().lines().filter(line -> line.matches("^[1-6] .*")))
                .hasSize(6)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("1 ")
                        .contains("create users")
                        .contains("Success"))
                .anySatisfy(line -> assertThat(line).startsWith("3 ").contains("Success"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("4 ")
                        .contains("create tags")
                        .contains("Pending"))
                .anySatisfy(line -> assertThat(line).startsWith("5 ").contains("Pending"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("6 ")
                        .contains("keep unchanged rows")
                        .contains("Pending"));
    }

    @Test
    void validatePassesOnAnUpToDateDatabase() {
        run("migrate");

        var validate = run("validate");

        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).contains("Migrations are valid");
    }

    @Test
    void validateFailsWhenAnAppliedMigrationWasChanged() {
        run("migrate");
        jdbc.update("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        var validate = run("validate");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("Invalid: 2").containsIgnoringCase("checksum mismatch");
    }

    @Test
    void validateFailsWhenMigrationsArePending() {
        run("migrate", "--spring.flyway.target=4");

        var validate = run("validate");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("Invalid: 5").containsIgnoringCase("not applied");
    }

    @Test
    void undoRevertsTheLastMigrationAndMigrateReappliesIt() {
        run("migrate");

        var undo = run("undo");

        assertThat(undo.exitCode()).isZero();
        assertThat(undo.out()).contains("Reverted migration 6");
        assertThat(appliedVersions()).isEqualTo(VERSIONS.subList(0, 5));
        assertThat(touchRowKeepsUnchangedRows()).isFalse();
        assertThat(run("info").out()).containsPattern("(?m)^6 .*Pending");

        var migrate = run("migrate");

        assertThat(migrate.out()).contains("Applied 1 migration(s); schema at version 6");
        assertThat(appliedVersions()).isEqualTo(VERSIONS);
        assertThat(touchRowKeepsUnchangedRows()).isTrue();
    }

    @Test
    void undoRevertsOneMigrationPerRunDownToAnEmptySchema() {
        run("migrate");

        for (String version : List.of("6", "5", "4", "3", "2", "1")) {
            assertThat(run("undo").out()).contains("Reverted migration " + version);
        }
        var nothingLeft = run("undo");

        assertThat(nothingLeft.exitCode()).isZero();
        assertThat(nothingLeft.out()).contains("Nothing to undo");
        assertThat(appliedVersions()).isEmpty();
        assertThat(tableExists("users")).isFalse();
    }

    @Test
    void seedMigratesAndInsertsTheDemoDataOnce() {
        var first = run("seed");
        List<Long> counts = counts();
        var second = run("seed");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Seeded demo data");
        assertThat(counts).containsExactly(3L, 2L, 3L, 3L, 4L);
        assertThat(jdbc.queryForList("SELECT email FROM users ORDER BY id", String.class))
                .containsExactly("ada@example.com", "grace@example.com", "alan@example.com");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Demo data already present");
        assertThat(counts()).isEqualTo(counts);
    }

    @Test
    void seedGivesEachPostToItsAuthor() {
        run("seed");

        assertThat(jdbc.queryForList(
                        "SELECT u.email || ': ' || p.title FROM posts p JOIN users u ON u.id = p.author_id ORDER BY p.id",
                        String.class))
                .containsExactly(
                        "ada@example.com: On analytical engines",
                        "ada@example.com: The first program",
                        "grace@example.com: Compilers for everyone");
    }

    @Test
    void seedSkipsTheUsersWhoseEmailIsTakenAndInsertsTheOthers() {
        run("migrate");
        jdbc.update("INSERT INTO users (name, email) VALUES ('Grace H.', 'Grace@Example.com')");

        var seed = run("seed");

        assertThat(seed.exitCode()).as(seed.err()).isZero();
        assertThat(seed.out()).contains("Seeded demo data; skipped the users whose email is taken: grace@example.com");
        assertThat(jdbc.queryForList("SELECT name FROM users ORDER BY id", String.class))
                .containsExactly("Grace H.", "Ada Lovelace", "Alan Turing");
        assertThat(jdbc.queryForList(
                        "SELECT p.title FROM posts p JOIN users u ON u.id = p.author_id WHERE u.name = 'Grace H.'",
                        String.class))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM posts", Long.class))
                .isEqualTo(2);
        assertThat(run("seed").out()).contains("Demo data already present");
    }

    @Test
    void aFailingCommandPrintsTheDatabasesReasonInOneLineWithoutTheSql() {
        run("migrate");
        jdbc.execute("DROP TABLE post_tags, tags");

        var seed = run("seed");

        assertThat(seed.exitCode()).isEqualTo(1);
        assertThat(seed.err().lines()).containsExactly("seed failed: ERROR: relation \"tags\" does not exist");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class))
                .as("rolled back")
                .isZero();
    }

    @Test
    void anUnknownCommandPrintsTheUsageAndExitsWithTwo() {
        var typo = run("migrat");

        assertThat(typo.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(typo.err())
                .contains("Unknown command 'migrat'")
                .contains("Usage:")
                .contains("migrate");
    }

    @Test
    void aStrayArgumentAfterACommandPrintsTheUsageAndExitsWithTwo() {
        var stray = run("undo", "all");

        assertThat(stray.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(stray.err())
                .contains("undo takes only --name=value options, not 'all'")
                .contains("Usage:");
        assertThat(appliedVersions()).isEmpty();
    }

    @Test
    void helpListsEveryCommand() {
        var help = run("help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("migrate", "info", "validate", "undo", "seed", "embedded-db");
    }

    @Test
    void optionsAloneMeanTheServer() {
        assertThat(Commands.runIfCommand(new String[] {"--server.port=0"})).isEmpty();
        assertThat(Commands.runIfCommand(new String[0])).isEmpty();
    }

    /** Runs a command as {@code main} would, pointed at the throwaway database. */
    private InProcess.Run run(String... arguments) {
        return InProcess.run(Stream.concat(Stream.of(arguments), Stream.of("--DATABASE_URL=" + database.url()))
                .toArray(String[]::new));
    }

    private List<String> appliedVersions() {
        if (!tableExists("flyway_schema_history")) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                        + " ORDER BY installed_rank",
                String.class);
    }

    private boolean tableExists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
    }

    /** Whether touch_row() is V6's, which keeps a row that an update did not change. */
    private boolean touchRowKeepsUnchangedRows() {
        return jdbc.queryForObject("SELECT prosrc FROM pg_proc WHERE proname = 'touch_row'", String.class)
                .contains("NEW IS NOT DISTINCT FROM OLD");
    }

    private List<Long> counts() {
        return Stream.of("users", "profiles", "posts", "tags", "post_tags")
                .map(table -> jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class))
                .toList();
    }
}

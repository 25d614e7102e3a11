package dev.postflux.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.TestDatabase;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Every migration goes up, down and up again on a real, otherwise empty database, leaving the schema as it was. */
class MigrationIntegrationTests {

    private static final String SCHEMA = """
            SELECT string_agg(item, E'\\n' ORDER BY item) FROM (
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS item
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'flyway_schema_history'
              UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
              UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            ) schema
            """;

    private final String database =
            "migration_test_" + ThreadLocalRandom.current().nextInt(1_000_000);
    private JdbcTemplate admin;
    private SimpleDriverDataSource dataSource;

    @BeforeEach
    void createEmptyDatabase() {
        var location = TestDatabase.location();
        admin = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), location.jdbcUrl(), location.username(), location.password()));
        admin.execute("CREATE DATABASE " + database);
        dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                location.jdbcUrl().replace("/" + location.database() + "?", "/" + database + "?"),
                location.username(),
                location.password());
    }

    @AfterEach
    void dropDatabase() {
        admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void everyMigrationGoesUpDownAndUpAgain() {
        var jdbc = new JdbcTemplate(dataSource);
        List<MigrationVersion> versions = List.of(
                        flyway(MigrationVersion.LATEST).info().pending())
                .stream()
                .map(migration -> migration.getVersion())
                .toList();
        assertThat(versions).isNotEmpty();

        String before = "";
        for (MigrationVersion version : versions) {
            flyway(version).migrate();
            String after = jdbc.queryForObject(SCHEMA, String.class);

            assertThat(new UndoMigration(dataSource).undoLast()).isEqualTo(version.getVersion());
            assertThat(nullToEmpty(jdbc.queryForObject(SCHEMA, String.class)))
                    .as("schema after undoing V" + version)
                    .isEqualTo(before);

            flyway(version).migrate();
            assertThat(jdbc.queryForObject(SCHEMA, String.class))
                    .as("schema after re-applying V" + version)
                    .isEqualTo(after);
            before = after;
        }
    }

    @Test
    void undoesNothingWhenOnlyABaselineIsRecorded() {
        flyway(MigrationVersion.fromVersion("1")).baseline();

        assertThat(new UndoMigration(dataSource).undoLast()).isNull();
    }

    private Flyway flyway(MigrationVersion target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .baselineVersion("0")
                .load();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}

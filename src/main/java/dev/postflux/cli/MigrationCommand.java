package dev.postflux.cli;

import dev.postflux.migration.UndoMigration;
import java.util.function.BiFunction;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** {@code migrate}, {@code info}, {@code validate} and {@code undo}: Flyway as the server configures it. */
final class MigrationCommand implements Command {

    private final String name;
    private final String summary;
    private final BiFunction<Flyway, String[], Integer> action;

    private MigrationCommand(String name, String summary, BiFunction<Flyway, String[], Integer> action) {
        this.name = name;
        this.summary = summary;
        this.action = action;
    }

    static MigrationCommand migrate() {
        return new MigrationCommand("migrate", "apply pending migrations", (flyway, arguments) -> {
            var result = flyway.migrate();
            System.out.printf(
                    "Applied %d migration(s); schema at version %s%n",
                    result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
            return 0;
        });
    }

    static MigrationCommand info() {
        return new MigrationCommand("info", "list migrations and their state", (flyway, arguments) -> {
            System.out.printf("%-8s %-32s %-10s %s%n", "VERSION", "DESCRIPTION", "STATE", "INSTALLED ON");
            for (MigrationInfo migration : flyway.info().all()) {
                System.out.printf(
                        "%-8s %-32s %-10s %s%n",
                        migration.getVersion(),
                        migration.getDescription(),
                        migration.getState().getDisplayName(),
                        migration.getInstalledOn() == null ? "" : migration.getInstalledOn());
            }
            return 0;
        });
    }

    static MigrationCommand validate() {
        return new MigrationCommand("validate", "check applied migrations against migrations/", (flyway, arguments) -> {
            var result = flyway.validateWithResult();
            if (result.validationSuccessful) {
                System.out.println("Migrations are valid");
                return 0;
            }
            result.invalidMigrations.forEach(invalid ->
                    System.out.println("Invalid: " + invalid.version + " " + invalid.errorDetails.errorMessage));
            return 1;
        });
    }

    static MigrationCommand undo() {
        return new MigrationCommand(
                "undo", "revert the last applied migration with its U script", (flyway, arguments) -> {
                    String version = new UndoMigration(flyway.getConfiguration().getDataSource()).undoLast();
                    System.out.println(version == null ? "Nothing to undo" : "Reverted migration " + version);
                    return 0;
                });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public int run(String[] arguments) {
        try (var context = CommandContext.start(name, arguments)) {
            return action.apply(context.getBean(Flyway.class), arguments);
        }
    }
}

package dev.postflux.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The jar's commands, mirroring what {@code sequelize-cli} gives an Express project: migrations up and down, their
 * state, demo data; plus a standalone embedded PostgreSQL for development and benchmarks, and development tokens. Without a command the
 * jar runs the server.
 */
public final class Commands {

    private static final List<Command> ALL = List.of(
            MigrationCommand.migrate(),
            MigrationCommand.info(),
            MigrationCommand.validate(),
            MigrationCommand.undo(),
            new SeedCommand(),
            new EmbeddedDatabaseCommand(),
            new TokenCommand());

    private Commands() {}

    /** Runs the command named by the first argument, if there is one; empty means: run the server. */
    public static OptionalInt runIfCommand(String[] arguments) {
        return find(arguments)
                .map(command -> OptionalInt.of(run(command, arguments)))
                .orElse(OptionalInt.empty());
    }

    static Optional<Command> find(String[] arguments) {
        if (arguments.length == 0) {
            return Optional.empty();
        }
        if (arguments[0].equals("help") || arguments[0].equals("--help")) {
            return Optional.of(new Help());
        }
        return ALL.stream()
                .filter(command -> command.name().equals(arguments[0]))
                .findFirst();
    }

    /** The arguments after the command's name are its own (Spring-style --name=value). */
    static int run(Command command, String[] arguments) {
        try {
            return command.run(Arrays.copyOfRange(arguments, 1, arguments.length));
        } catch (Exception e) {
            System.err.println(command.name() + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static final class Help implements Command {

        @Override
        public String name() {
            return "help";
        }

        @Override
        public String summary() {
            return "list the commands";
        }

        @Override
        public int run(String[] arguments) {
            PrintStream out = System.out;
            out.println("Usage: java -jar postflux.jar [command] [--property=value ...]");
            out.println("Without a command, runs the server. Commands:");
            ALL.forEach(command -> out.printf("  %-12s %s%n", command.name(), command.summary()));
            out.println(
                    "The database is chosen as for the server: DATABASE_URL, spring.r2dbc.url, else the embedded one.");
            return 0;
        }
    }
}

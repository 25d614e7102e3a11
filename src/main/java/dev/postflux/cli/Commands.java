package dev.postflux.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.beans.BeansException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

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

    /** The exit code of a usage error (unknown command, stray argument), as most command-line tools use. */
    static final int USAGE_ERROR = 2;

    private Commands() {}

    /**
     * Runs the command named by the first argument, if there is one; empty means: run the server (no arguments,
     * or only {@code --property=value} options). A first argument that names no command, or a command followed by
     * anything but options, prints the usage and exits {@value #USAGE_ERROR} rather than starting the server.
     */
    public static OptionalInt runIfCommand(String[] arguments) {
        if (arguments.length == 0 || isOption(arguments[0]) && !isHelp(arguments[0])) {
            return OptionalInt.empty();
        }
        Optional<Command> command = find(arguments);
        if (command.isEmpty()) {
            return OptionalInt.of(usageError("Unknown command '" + arguments[0] + "'"));
        }
        for (int i = 1; i < arguments.length; i++) {
            if (!isOption(arguments[i])) {
                return OptionalInt.of(
                        usageError(arguments[0] + " takes only --name=value options, not '" + arguments[i] + "'"));
            }
        }
        return OptionalInt.of(run(command.get(), arguments));
    }

    static Optional<Command> find(String[] arguments) {
        if (arguments.length == 0) {
            return Optional.empty();
        }
        if (isHelp(arguments[0])) {
            return Optional.of(new Help(System.out));
        }
        return ALL.stream()
                .filter(command -> command.name().equals(arguments[0]))
                .findFirst();
    }

    /** The arguments after the command's name are its own (Spring-style --name=value). */
    static int run(Command command, String[] arguments) {
        try {
            return command.run(Arrays.copyOfRange(arguments, 1, arguments.length));
        } catch (UsageException e) {
            System.err.println(command.name() + ": " + e.getMessage());
            return USAGE_ERROR;
        } catch (Exception e) {
            System.err.println(command.name() + " failed: " + reason(e));
            return 1;
        }
    }

    /**
     * What went wrong, in one line: the first exception of the chain that is not Spring's bean-creation wrapper
     * ("Error creating bean with name ..."); for a data access error, the database's own message rather than
     * Spring's, which quotes the SQL; only the first line of a message (Flyway's go on with SQL state and code).
     */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof BeansException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DataAccessException) {
            cause = NestedExceptionUtils.getMostSpecificCause(cause);
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElseThrow();
    }

    private static int usageError(String problem) {
        System.err.println(problem);
        new Help(System.err).run(new String[0]);
        return USAGE_ERROR;
    }

    private static boolean isOption(String argument) {
        return argument.startsWith("--") && argument.length() > 2;
    }

    private static boolean isHelp(String argument) {
        return argument.equals("help") || argument.equals("--help");
    }

    private static final class Help implements Command {

        private final PrintStream out;

        Help(PrintStream out) {
            this.out = out;
        }

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
            out.println("Usage: java -jar postflux.jar [command] [--property=value ...]");
            out.println("Without a command, runs the server. Commands:");
            ALL.forEach(command -> out.printf("  %-12s %s%n", command.name(), command.summary()));
            out.println(
                    "The database is chosen as for the server: DATABASE_URL, spring.r2dbc.url, else the embedded one.");
            return 0;
        }
    }
}

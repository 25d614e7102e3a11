package dev.postflux.cli;

import dev.postflux.database.DatabaseAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's configuration without its web server: commands see the same database (DATABASE_URL, Spring
 * properties, or the embedded PostgreSQL) and the same Flyway set-up as the server, but nothing listens and
 * nothing migrates by itself.
 */
final class CommandContext {

    static final String PROPERTY = DatabaseAutoConfiguration.COMMAND_PROPERTY;

    /**
     * Warnings only; and a start-up that fails is not logged with its stack trace (Spring's failure report, the
     * context's "cancelling refresh"): {@link Commands} prints it as one line.
     */
    private static final String[] QUIET = {
        "logging.level.root=WARN",
        "logging.level.org.springframework.boot.SpringApplication=OFF",
        "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=OFF",
        "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR"
    };

    private CommandContext() {}

    static ConfigurableApplicationContext start(String name, String[] arguments) {
        return builder(CommandConfiguration.class)
                .properties(PROPERTY + "=" + name)
                .run(arguments);
    }

    /** {@code configuration} quietly, without a web server; the caller adds properties and runs it. */
    static SpringApplicationBuilder builder(Class<?> configuration) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(QUIET);
    }
}

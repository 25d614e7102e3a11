package dev.postflux.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's configuration without its web server: commands see the same database (DATABASE_URL, Spring
 * properties, or the embedded PostgreSQL) and the same Flyway set-up as the server, but nothing listens and
 * nothing migrates by itself.
 */
final class CommandContext {

    static final String PROPERTY = "postflux.command";

    private CommandContext() {}

    static ConfigurableApplicationContext start(String name, String[] arguments) {
        return new SpringApplicationBuilder(CommandConfiguration.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(PROPERTY + "=" + name, "logging.level.root=WARN")
                .run(arguments);
    }
}

package dev.postflux;

import dev.postflux.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the API server, or with a command name as first argument one of the jar's {@link Commands}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PostFluxApplication {

    public static void main(String[] args) {
        var commandExit = Commands.runIfCommand(args);
        if (commandExit.isPresent()) {
            System.exit(commandExit.getAsInt());
        }
        SpringApplication.run(PostFluxApplication.class, args);
    }
}

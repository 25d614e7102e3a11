package dev.postflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the PostFlux API server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PostFluxApplication {

    public static void main(String[] args) {
        SpringApplication.run(PostFluxApplication.class, args);
    }
}

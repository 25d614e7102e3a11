package dev.postflux.cli;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/**
 * What a command needs: the auto-configured database location and Flyway, nothing of the web application (no
 * component scan).
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ConfigurationPropertiesScan("dev.postflux.database")
class CommandConfiguration {}

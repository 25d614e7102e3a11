package dev.postflux.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.boot.r2dbc.health.ConnectionFactoryHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the database is and how we talk to it. In order: {@code DATABASE_URL}; else Spring Boot's own
 * {@code spring.r2dbc.url} (or a Testcontainers service connection); else an embedded PostgreSQL. Runs before
 * Boot's R2DBC and Flyway auto-configuration so that they pick these beans up.
 */
@AutoConfiguration(before = {R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties({DatabaseProperties.class, R2dbcProperties.class, SqlLogProperties.class})
public class DatabaseAutoConfiguration {

    /** Set when a jar command, not the server, runs (its name). */
    public static final String COMMAND_PROPERTY = "postflux.command";

    @Bean(destroyMethod = "dispose")
    @ConditionalOnMissingBean(ConnectionFactory.class)
    ConnectionPool connectionFactory(
            R2dbcConnectionDetails location,
            R2dbcProperties r2dbc,
            DatabaseProperties database,
            ObjectProvider<ConnectionFactoryDecorator> decorators) {
        return ConnectionPoolFactory.create(
                location.getConnectionFactoryOptions(),
                r2dbc.getPool(),
                database,
                decorators.orderedStream().toList());
    }

    /** Replaces Boot's own {@code r2dbc} health check by the same check with a deadline. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("r2dbc")
    ReactiveHealthIndicator r2dbcHealthIndicator(ConnectionFactory connectionFactory, DatabaseProperties database) {
        return new DatabaseHealth(new ConnectionFactoryHealthIndicator(connectionFactory), database.healthTimeout());
    }

    @Bean
    @ConditionalOnBooleanProperty("postflux.sql-log.enabled")
    SqlLog sqlLog(SqlLogProperties properties) {
        return new SqlLog(properties);
    }

    @Bean
    @ConditionalOnWebApplication
    PoolWarmup poolWarmup(ConnectionFactory connectionFactory, DatabaseProperties database) {
        return new PoolWarmup(connectionFactory, database.connectTimeout().multipliedBy(2));
    }

    @Bean
    @ConditionalOnWebApplication
    IdleConnectionTopUp idleConnectionTopUp(ConnectionFactory connectionFactory, DatabaseProperties database) {
        return new IdleConnectionTopUp(connectionFactory, database.pool().backgroundEvictionInterval());
    }

    @Bean
    FlywayMigrationStrategy verifiedMigration(
            ObjectProvider<FlywayConnectionDetails> flywayLocation, Environment environment) {
        // The jar's commands (migrate, info, undo...) decide themselves what Flyway does.
        boolean migrateOnStart = !environment.containsProperty(COMMAND_PROPERTY);
        return new VerifiedMigration(flywayLocation, migrateOnStart);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("DATABASE_URL")
    @ConditionalOnMissingBean(R2dbcConnectionDetails.class)
    static class DatabaseUrlConfiguration {

        @Bean
        R2dbcLocation databaseUrlR2dbcLocation(Environment environment) {
            return new R2dbcLocation(DatabaseUrl.parse(environment.getRequiredProperty("DATABASE_URL")));
        }

        @Bean
        JdbcLocation databaseUrlJdbcLocation(R2dbcLocation location) {
            return new JdbcLocation(location.url());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("spring.r2dbc.url")
    @Conditional(NoFlywayUrl.class)
    @ConditionalOnMissingBean(FlywayConnectionDetails.class)
    static class FlywayFollowsR2dbcConfiguration {

        /** With only {@code spring.r2dbc.url} set, Flyway migrates that same database. */
        @Bean
        JdbcLocation flywayFollowsR2dbc(R2dbcProperties r2dbc) {
            var url = DatabaseUrl.from(ConnectionFactoryOptions.parse(r2dbc.getUrl()));
            return new JdbcLocation(new DatabaseUrl(
                    url.host(),
                    url.port(),
                    url.database(),
                    r2dbc.getUsername() != null ? r2dbc.getUsername() : url.username(),
                    r2dbc.getPassword() != null ? r2dbc.getPassword() : url.password(),
                    url.parameters()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoDatabaseConfigured.class)
    @ConditionalOnMissingBean(R2dbcConnectionDetails.class)
    static class EmbeddedDatabaseConfiguration {

        /**
         * A jar command (info, seed...) beside a running dev server uses that server's PostgreSQL: a second one
         * cannot start on the same data directory. The server itself always starts its own.
         */
        @Bean(destroyMethod = "close")
        EmbeddedDatabase embeddedDatabase(DatabaseProperties database, Environment environment) {
            var embedded = database.embedded();
            if (environment.containsProperty(COMMAND_PROPERTY)) {
                return EmbeddedDatabase.attachOrStart(embedded.dataDirectory(), embedded.port());
            }
            return EmbeddedDatabase.startClosedByItsOwner(embedded.dataDirectory(), embedded.port());
        }

        @Bean
        R2dbcLocation embeddedR2dbcLocation(EmbeddedDatabase embeddedDatabase) {
            return new R2dbcLocation(embeddedDatabase.url());
        }

        @Bean
        JdbcLocation embeddedJdbcLocation(EmbeddedDatabase embeddedDatabase) {
            return new JdbcLocation(embeddedDatabase.url());
        }
    }

    static class NoDatabaseConfigured extends NoneNestedConditions {

        NoDatabaseConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("DATABASE_URL")
        static class DatabaseUrlSet {}

        @ConditionalOnProperty("spring.r2dbc.url")
        static class R2dbcUrlSet {}
    }

    static class NoFlywayUrl extends NoneNestedConditions {

        NoFlywayUrl() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("spring.flyway.url")
        static class FlywayUrlSet {}
    }
}

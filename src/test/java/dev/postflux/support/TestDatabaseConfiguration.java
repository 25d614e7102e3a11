package dev.postflux.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Wires the test database into the server under test: as a Testcontainers service connection when a container
 * serves the tests (otherwise {@link IntegrationTest} passes {@code DATABASE_URL}), plus the statement recorder.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(ContainerServesTests.class)
    PostgreSQLContainer postgresContainer() {
        return TestDatabase.container();
    }

    @Bean
    StatementRecorder statementRecorder() {
        return new StatementRecorder();
    }

    static class ContainerServesTests implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.container() != null;
        }
    }
}

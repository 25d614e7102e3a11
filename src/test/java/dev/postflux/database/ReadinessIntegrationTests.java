package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.DatabaseProxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Health probes while PostgreSQL is frozen or down (played by a proxy between the server and the test database):
 * liveness stays UP and fast, so the instance is not restarted for the database's trouble; readiness turns DOWN
 * within the health timeout, so traffic goes elsewhere, and UP again once the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
// No other test shares this context; closed afterwards, its change listener stops processing every later test's
// notifications. The proxy's daemon threads stay until the JVM exits.
@DirtiesContext
class ReadinessIntegrationTests {

    /** The default {@code postflux.database.health-timeout}, plus slack for a busy test machine. */
    private static final Duration READINESS_DEADLINE = Duration.ofSeconds(2).plusMillis(1500);

    private static final Duration LIVENESS_DEADLINE = Duration.ofMillis(1500);

    private static final DatabaseProxy database = DatabaseProxy.toTestDatabase();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void databaseThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", database::databaseUrl);
        registry.add("postflux.security.jwt.hmac-secret", () -> dev.postflux.support.Tokens.SECRET);
    }

    @BeforeEach
    void databaseAnswers() {
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
    }

    @AfterEach
    void restoreTheDatabase() {
        database.restore();
    }

    @Test
    void turnsNotReadyQuicklyButStaysLiveWhileTheDatabaseIsFrozen() {
        database.freeze();

        assertAnswersWithin("/actuator/health/liveness", 200, "UP", LIVENESS_DEADLINE);
        assertAnswersWithin("/actuator/health/readiness", 503, "DOWN", READINESS_DEADLINE);
        assertAnswersWithin("/actuator/health/liveness", 200, "UP", LIVENESS_DEADLINE);
    }

    @Test
    void turnsReadyAgainOnceTheFrozenDatabaseAnswers() {
        database.freeze();
        assertAnswersWithin("/actuator/health/readiness", 503, "DOWN", READINESS_DEADLINE);

        database.restore();

        await().atMost(Duration.ofSeconds(15)).until(() -> status("/actuator/health/readiness") == 200);
    }

    @Test
    void turnsNotReadyButStaysLiveWhileTheDatabaseIsDown() {
        database.refuse();

        assertAnswersWithin("/actuator/health/readiness", 503, "DOWN", READINESS_DEADLINE);
        assertAnswersWithin("/actuator/health/liveness", 200, "UP", LIVENESS_DEADLINE);

        database.restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/actuator/health/readiness") == 200);
    }

    private void assertAnswersWithin(String path, int status, String health, Duration deadline) {
        long started = System.nanoTime();
        http.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(health);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path).isLessThan(deadline);
    }

    private int status(String path) {
        return http.get()
                .uri(path)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}

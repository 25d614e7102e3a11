package dev.postflux.database;

import dev.postflux.support.TestDatabase;
import dev.postflux.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Spring Boot's own way to name the database, as the README documents it: {@code spring.r2dbc.url} without a
 * user, and {@code spring.r2dbc.username} beside it. Flyway follows that URL. Until 2026-12-07 the server did not
 * start that way ("No value found for user"): only a user inside the URL worked (found by a review).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class R2dbcUrlIntegrationTests {

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void databaseBySpringR2dbcProperties(DynamicPropertyRegistry registry) {
        DatabaseUrl database = TestDatabase.location();
        registry.add(
                "spring.r2dbc.url",
                () -> "r2dbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.database());
        registry.add("spring.r2dbc.username", database::username);
        if (database.password() != null) {
            registry.add("spring.r2dbc.password", database::password);
        }
        registry.add("postflux.security.jwt.hmac-secret", () -> Tokens.SECRET);
    }

    @Test
    void startsMigratesAndServesWithTheUserGivenApart() {
        http.get().uri("/users").exchange().expectStatus().isOk().expectBody();
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }
}

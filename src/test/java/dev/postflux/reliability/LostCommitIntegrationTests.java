package dev.postflux.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.DatabaseProxy;
import dev.postflux.support.Sql;
import dev.postflux.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A write whose database connection is lost after the change was sent (played by a proxy that forwards the
 * {@code COMMIT}, or the lone {@code INSERT}, then cuts the connection) may well be committed: its answer must say
 * "outcome unknown" (504), never "503, retry shortly", which made a client store a post twice.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
// Its own context, with the database behind the proxy; closed afterwards (see ReadinessIntegrationTests).
@DirtiesContext
class LostCommitIntegrationTests {

    private static final DatabaseProxy database = DatabaseProxy.toTestDatabase();

    private static final Sql sql = new Sql();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void databaseThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", database::databaseUrl);
        registry.add("postflux.security.jwt.hmac-secret", () -> Tokens.SECRET);
        registry.add("postflux.security.rate-limit.enabled", () -> "false");
    }

    @AfterEach
    void restoreTheDatabase() {
        database.restore();
    }

    @Test
    void answersATransactionWhoseCommitWasCutWithOutcomeUnknown(CapturedOutput output) {
        database.cutAfterForwarding("COMMIT");

        signUp("lost-commit@example.com", List.of(Map.of("title", "Sent once")))
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("read the resource before retrying"));

        assertThat(stored("lost-commit@example.com"))
                .as("committed, as PostgreSQL got the COMMIT")
                .isEqualTo(1);
        // Logged as the server's throttled line, not again by Spring's transaction manager with a stack trace. The
        // console is written asynchronously: the request's access line, logged after it, shows the log caught up.
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("POST /users 504"));
        assertThat(output.getAll()).doesNotContain("overridden by rollback exception");
    }

    @Test
    void answersALoneInsertWhoseConnectionWasCutWithOutcomeUnknown() {
        database.cutAfterForwarding("INSERT INTO users");

        signUp("lost-insert@example.com", List.of()).expectStatus().isEqualTo(504);

        assertThat(stored("lost-insert@example.com")).isEqualTo(1);
    }

    /**
     * Lost before the change was complete: PostgreSQL rolls the transaction back, and retrying is safe. Usually
     * the driver fails the cut INSERT itself (503, retry). But the proxy cuts after forwarding, so the INSERT's
     * answer can be on its way already; the driver then reports the loss at the COMMIT, and the server cannot know
     * whether that COMMIT reached PostgreSQL: 504, the cautious answer (one local run in about eight). Either way
     * nothing is stored, and a 503 is never given once the commit was under way.
     */
    @Test
    void answersATransactionCutBeforeItsCommitWithRetryOrOutcomeUnknown() {
        database.cutAfterForwarding("INSERT INTO posts");

        var answer = signUp("lost-post@example.com", List.of(Map.of("title", "Never stored")))
                .expectBody(String.class)
                .returnResult();

        int status = answer.getStatus().value();
        assertThat(status).as(answer.getResponseBody()).isIn(503, 504);
        assertThat(answer.getResponseHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .as("Retry-After only on a 503")
                .isEqualTo(status == 503);
        assertThat(stored("lost-post@example.com")).isZero();
    }

    private WebTestClient.ResponseSpec signUp(String email, List<Map<String, String>> posts) {
        return http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Someone", "email", email, "posts", posts))
                .exchange();
    }

    private static long stored(String email) {
        return sql.queryForObject("SELECT count(*) FROM users WHERE email = ?", Long.class, email);
    }
}

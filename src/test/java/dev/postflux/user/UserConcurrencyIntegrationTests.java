package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Races that only the database can decide: uniqueness and optimistic versions under truly concurrent requests. */
class UserConcurrencyIntegrationTests extends IntegrationTest {

    @RepeatedTest(5)
    void twoConcurrentCreatesWithTheSameEmailGiveOneCreatedAndOneConflict() {
        List<Integer> statuses = statusesOfConcurrent(
                null,
                2,
                (client, i) -> client.post()
                        .uri("/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "name", "Racer " + i, "email", i == 0 ? "race@example.com" : "RACE@example.com")));

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(sql.count("users")).isEqualTo(1);
    }

    @RepeatedTest(5)
    void twoRacingUpdatesOfTheSameVersionHaveOneWinner() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        List<Integer> statuses = statusesOfConcurrent(
                Tokens.member(ada),
                2,
                (client, i) -> client.patch()
                        .uri("/users/{id}", ada)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"1\"")
                        .bodyValue(Map.of("name", "Writer " + i)));

        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(2);
    }
}

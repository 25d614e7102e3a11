package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Races that only the database can decide: uniqueness and optimistic versions under truly concurrent requests. */
class UserConcurrencyIntegrationTests extends IntegrationTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @RepeatedTest(5)
    void twoConcurrentCreatesWithTheSameEmailGiveOneCreatedAndOneConflict() {
        var client = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.range(0, 2)
                .flatMap(i -> client.post()
                        .uri("/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(
                                Map.of("name", "Racer " + i, "email", i == 0 ? "race@example.com" : "RACE@example.com"))
                        .exchangeToMono(response -> response.releaseBody()
                                .thenReturn(response.statusCode().value())))
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(sql.count("users")).isEqualTo(1);
    }

    @RepeatedTest(5)
    void twoRacingUpdatesOfTheSameVersionHaveOneWinner() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        var client = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.member(ada))
                .build();

        List<HttpStatusCode> statuses = Flux.range(0, 2)
                .flatMap(i -> client.patch()
                        .uri("/users/{id}", ada)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"1\"")
                        .bodyValue(Map.of("name", "Writer " + i))
                        .exchangeToMono(response -> response.releaseBody().then(Mono.just(response.statusCode()))))
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).extracting(HttpStatusCode::value).containsExactlyInAnyOrder(200, 412);
        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(2);
    }
}

package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Caps that keep one request cheap, whoever sends it: page size, string lengths, tags per post, posts per sign-up. */
class AbuseLimitsIntegrationTests extends IntegrationTest {

    long ada;

    @BeforeEach
    void ada() {
        ada = sql.insertUser("Ada", "ada@example.com", "member");
    }

    @Test
    void capsThePageSize() {
        anonymous
                .get()
                .uri("/posts?limit=101")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody();
        anonymous.get().uri("/users?limit=100").exchange().expectStatus().isOk().expectBody();
    }

    @Test
    void capsTagsPerPostCountingNamesAsSentLikeTheApiDescriptionsMaxItems() {
        // 21 names, 11 of them different after lower-casing: the cap is on the array a client sends.
        var tags = IntStream.rangeClosed(1, 21)
                .mapToObj(i -> (i % 2 == 0 ? "TAG" : "tag") + (i / 2))
                .toList();

        post(Map.of("title", "Many tags", "tags", tags))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("tags");

        assertThat(sql.count("posts")).isZero();
        assertThat(sql.count("tags")).isZero();
    }

    @Test
    void capsStringLengths() {
        refused(Map.of("title", "x".repeat(201)), "title");
        refused(Map.of("title", "ok", "body", "x".repeat(50_001)), "body");
        refused(Map.of("title", "ok", "tags", List.of("x".repeat(51))), "tags[0]");
        assertThat(sql.count("posts")).isZero();

        // At the limits exactly: accepted.
        post(Map.of("title", "x".repeat(200), "body", "x".repeat(50_000), "tags", List.of("x".repeat(50))))
                .expectStatus()
                .isCreated()
                .expectBody(Void.class);
        assertThat(sql.count("posts")).isEqualTo(1);
    }

    @Test
    void capsPostsPerSignUp() {
        signUp("spam@example.com", 101)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("posts");
        assertThat(sql.count("users")).isEqualTo(1);

        signUp("hundred@example.com", 100).expectStatus().isCreated().expectBody(Void.class);
        assertThat(sql.count("posts")).isEqualTo(100);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signUp(String email, int posts) {
        return anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Spammer",
                        "email",
                        email,
                        "posts",
                        Collections.nCopies(posts, Map.of("title", "Spam"))))
                .exchange();
    }

    private void refused(Map<String, ?> body, String field) {
        post(body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(Map<String, ?> body) {
        return as(Tokens.member(ada))
                .post()
                .uri("/users/{id}/posts", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}

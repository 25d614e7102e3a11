package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class UserDeleteIntegrationTests extends IntegrationTest {

    @Test
    void deletesTheUserWithItsPostsProfileAndTagLinks() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long grace = sql.insertUser("Grace", "grace@example.com", "member");
        sql.insertProfile(ada, "bio", null);
        sql.tag(sql.insertPost(ada, "Gone", Instant.now()), "shared");
        sql.tag(sql.insertPost(grace, "Stays", Instant.now()), "shared");

        http.delete()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();

        assertThat(sql.queryForList("SELECT name FROM users", String.class)).containsExactly("Grace");
        assertThat(sql.queryForList("SELECT title FROM posts", String.class)).containsExactly("Stays");
        assertThat(sql.count("profiles")).isZero();
        assertThat(sql.count("post_tags")).isEqualTo(1);
        assertThat(sql.count("tags")).as("tags are shared and outlive posts").isEqualTo(1);
    }

    @Test
    void answersNotFoundForAnUnknownOrAlreadyDeletedUser() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        http.delete()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();

        http.delete()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No user with id " + ada);
    }

    @Test
    void honoursIfMatch() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.delete()
                .uri("/users/{id}", ada)
                .header(HttpHeaders.IF_MATCH, "\"5\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(412);
        assertThat(sql.count("users")).isEqualTo(1);

        http.delete()
                .uri("/users/{id}", ada)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
        assertThat(sql.count("users")).isZero();
    }
}

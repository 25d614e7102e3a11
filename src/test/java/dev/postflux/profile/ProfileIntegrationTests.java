package dev.postflux.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ProfileIntegrationTests extends IntegrationTest {

    @Test
    void createsWith201ThenReplacesWith200AndShowsItInTheUser() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "First", "website", "https://ada.example.com"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/users/" + ada + "/profile")
                .expectHeader()
                .valueMatches("ETag", "\"[0-9a-f]{32}\"")
                .expectBody()
                .json("{\"bio\":\"First\",\"website\":\"https://ada.example.com\"}", true);
        http.put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Second"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"bio\":\"Second\",\"website\":null}", true);

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectBody()
                .jsonPath("$.profile.bio")
                .isEqualTo("Second");
        assertThat(sql.count("profiles")).isEqualTo(1);
    }

    @Test
    void readsAndDeletesTheProfile() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertProfile(ada, "bio", null);

        http.get()
                .uri("/users/{id}/profile", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.bio")
                .isEqualTo("bio");
        http.delete()
                .uri("/users/{id}/profile", ada)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
        http.get()
                .uri("/users/{id}/profile", ada)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No profile for user with id " + ada);
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        http.put()
                .uri("/users/999/profile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Nobody"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No user with id 999");

        assertThat(sql.count("profiles")).isZero();
    }

    @Test
    void rejectsAnOverlongBioAndANonHttpWebsite() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "x".repeat(1001), "website", "javascript:alert(1)"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("bio", "website"));

        assertThat(sql.count("profiles")).isZero();
    }

    @Test
    void rejectsAWebsiteBuiltToBacktrackWithoutHangingTheServer() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        // A space near the end fails the pattern only after a backtracking form has tried every split of the
        // 199,000 letters between its two quantifiers: minutes on an event loop, not the five seconds allowed here.
        String website = "http://" + "a".repeat(199_000) + " a";

        impatient(http)
                .put()
                .uri("/users/{id}/profile", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"website\": \"" + website + "\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("website", "website"));

        assertThat(sql.count("profiles")).isZero();
    }
}

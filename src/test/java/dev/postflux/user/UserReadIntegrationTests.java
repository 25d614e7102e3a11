package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserReadIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-06-14T09:12:00.000Z");

    @Test
    void returnsUserWithProfileAndNewestPostsFirst() {
        long ada = sql.insertUser("Ada Lovelace", "ada@example.com", "member", T0);
        sql.insertProfile(ada, "Mathematician", "https://ada.example.com");
        long older = sql.insertPost(ada, "On analytical engines", T0.plusSeconds(60));
        long newer = sql.insertPost(ada, "Notes on notes", T0.plusSeconds(120));
        sql.tag(older, "math", "history");

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"1-[0-9a-f]{16}\"")
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(ada)
                .jsonPath("$.name")
                .isEqualTo("Ada Lovelace")
                .jsonPath("$.role")
                .isEqualTo("member")
                .jsonPath("$.createdAt")
                .isEqualTo("2026-06-14T09:12:00.000Z")
                .jsonPath("$.profile.bio")
                .isEqualTo("Mathematician")
                .jsonPath("$.profile.website")
                .isEqualTo("https://ada.example.com")
                .jsonPath("$.posts[*].id")
                .isEqualTo(List.of((int) newer, (int) older))
                .jsonPath("$.posts[1].authorId")
                .isEqualTo(ada)
                .jsonPath("$.posts[1].tags")
                .isEqualTo(List.of("history", "math"))
                .jsonPath("$.posts[0].tags")
                .isEmpty();
    }

    @Test
    void embedsAtMostTwentyPosts() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        for (int i = 0; i < 25; i++) {
            sql.insertPost(ada, "Post " + i, T0.plusSeconds(i));
        }

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.posts.length()")
                .isEqualTo(20)
                .jsonPath("$.posts[0].title")
                .isEqualTo("Post 24");
    }

    @Test
    void showsProfileAsNullWhenTheUserHasNone() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.profile")
                .value(profile -> assertThat(profile).isNull())
                .jsonPath("$.posts")
                .isEmpty();
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        http.get()
                .uri("/users/424242")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Not Found")
                .jsonPath("$.detail")
                .isEqualTo("No user with id 424242");
    }

    @Test
    void rejectsAnIdThatIsNotAPositiveIntegerWrittenPlainly() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        // Java would read "+1", "01" and Arabic-Indic digits as the same id: one resource, many addresses.
        for (String id :
                new String[] {"abc", "0", "-" + ada, "+" + ada, "0" + ada, "\u0661", "1e3", "99999999999999999999"}) {
            http.get()
                    .uri("/users/{id}", id)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id");
        }
        http.get()
                .uri("/users?limit={limit}", "\u0661")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
    }

    @Test
    void selectsOnlyTheRequestedFieldsInSql() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPost(ada, "Hidden", T0);

        http.get()
                .uri("/users/{id}?fields=name,email", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", true);

        assertThat(statements.queries()).singleElement().satisfies(query -> {
            assertThat(query).contains("u.name", "u.email");
            assertThat(query).doesNotContain("u.role", "u.updated_at", "profiles", "posts");
        });
    }

    @Test
    void selectsNothingButTheIdWhenOnlyTheIdIsAskedFor() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.get()
                .uri("/users/{id}?fields=id", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"id\":" + ada + "}", true);
    }

    @Test
    void rejectsUnknownFieldNamesWithoutTouchingTheDatabase() {
        http.get()
                .uri("/users/1?fields=name,password_hash")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("fields");

        assertThat(statements.queries()).isEmpty();
    }

    @Test
    void readsTheUserWithProfileAndPostsInOneStatement() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        for (int i = 0; i < 5; i++) {
            sql.tag(sql.insertPost(ada, "Post " + i, T0.plusSeconds(i)), "tag-" + i);
        }

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.posts.length()")
                .isEqualTo(5);

        assertThat(statements.queries()).hasSize(1);
    }
}

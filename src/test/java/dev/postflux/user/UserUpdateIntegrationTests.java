package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserUpdateIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000Z");

    @Test
    void updatesOnlyTheGivenFieldsAndMovesUpdatedAt() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada King"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"2-[0-9a-f]{16}\"")
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ada King")
                .jsonPath("$.email")
                .isEqualTo("ada@example.com")
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.createdAt")
                .isEqualTo("2026-01-01T00:00:00.000Z")
                .jsonPath("$.updatedAt")
                .value(
                        String.class,
                        updated -> assertThat(Instant.parse(updated)).isAfter(T0));
    }

    /**
     * A client PATCHing back what it read changed nothing: the version stays (other clients' If-Match still holds),
     * updatedAt stays, and no event is told (migrations/V6__keep_unchanged_rows.sql), as Sequelize skips such an
     * update. The next real change is version 2.
     */
    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndUpdatedAt() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada", "email", "ada@example.com", "role", "member"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"1-[0-9a-f]{16}\"")
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.updatedAt")
                .isEqualTo("2026-01-01T00:00:00.000Z");

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Ada King"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
    }

    @Test
    void changesUpdatedAtOnEveryUpdateEvenWithinOneMillisecond() {
        // Last touched "in the future" (a clock that stepped back, or two updates within the same now()): now() is
        // no help, and each update must still move updated_at, by the millisecond the trigger adds.
        long ada = sql.insertUser(
                "Ada", "ada@example.com", "member", java.time.Instant.now().plusSeconds(3600));

        sql.execute(
                "UPDATE users SET name = 'A' WHERE id = " + ada + "; UPDATE users SET name = 'B' WHERE id = " + ada);

        assertThat(sql.queryForObject(
                        "SELECT updated_at - created_at = interval '2 milliseconds' FROM users WHERE id = ?",
                        Boolean.class,
                        ada))
                .isTrue();
        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(3);
    }

    @Test
    void rejectsADuplicateEmailWithConflict() {
        sql.insertUser("Ada", "ada@example.com", "member");
        long grace = sql.insertUser("Grace", "grace@example.com", "member");

        http.patch()
                .uri("/users/{id}", grace)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "Ada@Example.com"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(409);

        assertThat(sql.queryForObject("SELECT email FROM users WHERE id = ?", String.class, grace))
                .isEqualTo("grace@example.com");
    }

    @Test
    void rejectsNullsEmptyChangesAndInvalidValues() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        for (String body :
                new String[] {"{\"name\": null}", "{}", "{\"email\": \"nope\"}", "{\"role\": \"owner\"}", "{\"id\": 7}"
                }) {
            http.patch()
                    .uri("/users/{id}", ada)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(400);
        }

        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(1);
    }

    /**
     * A null where a PATCH may not clear the field is reported with the body's other errors. It was refused as the
     * JSON was read, which stopped there: {@code name: null} hid the invalid email (found by a review, 2026-12-07).
     */
    @Test
    void reportsANullNameWithTheOtherErrors() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": null, \"email\": \"nope\", \"role\": null}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("name", "email", "role"))
                .jsonPath("$.errors[?(@.field == 'name')].message")
                .isEqualTo(List.of("must not be null"));

        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(1);
    }

    @Test
    void rejectsARoleGivenAsANumberRatherThanTakingItAsAnIndex() {
        long ada = sql.insertUser("Ada", "ada@example.com", "admin");

        for (String role : new String[] {"0", "1"}) {
            http.patch()
                    .uri("/users/{id}", ada)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"role\": " + role + "}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("role")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be one of admin, member");
        }

        assertThat(sql.queryForObject("SELECT role || ' ' || version FROM users WHERE id = ?", String.class, ada))
                .isEqualTo("admin 1");
    }

    @Test
    void rejectsAnEmailBuiltToBacktrackWithoutHangingTheServer() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        String email = "a@" + ".".repeat(199_000) + "@";

        impatient(http)
                .patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"" + email + "\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("email", "email"));

        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(1);
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        http.patch()
                .uri("/users/999")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Nobody"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
    }

    @Test
    void refusesAStaleIfMatchWithPreconditionFailed() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute("UPDATE users SET name = 'Ada B' WHERE id = " + ada);

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Lost update"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("User " + ada + " is at version 2, not 1");

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"2\"")
                .bodyValue(Map.of("name", "Ada C"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ada C");
    }

    @Test
    void writesWhenAnyStrongTagOfAnIfMatchListIsCurrent() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute("UPDATE users SET name = 'Ada B' WHERE id = " + ada);

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\", \"2\"")
                .bodyValue(Map.of("name", "Ada C"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"3-[0-9a-f]{16}\"")
                .expectBody();

        assertThat(sql.queryForObject("SELECT name FROM users WHERE id = ?", String.class, ada))
                .isEqualTo("Ada C");
    }

    @Test
    void refusesAnIfMatchListWhoseStrongTagsAreAllStale() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute("UPDATE users SET name = 'Ada B' WHERE id = " + ada);

        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\", \"3\"")
                .bodyValue(Map.of("name", "Lost update"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("User " + ada + " is at version 2, not 1 or 3");
        // A weak tag never matches for If-Match (RFC 9110 section 13.1.1), even one naming the current version.
        http.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"1\", W/\"2\"")
                .bodyValue(Map.of("name", "Lost update"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("User " + ada + " is at version 2, not 1");

        assertThat(sql.queryForObject("SELECT version FROM users WHERE id = ?", Integer.class, ada))
                .isEqualTo(2);
    }
}

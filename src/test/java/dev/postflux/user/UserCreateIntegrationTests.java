package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserCreateIntegrationTests extends IntegrationTest {

    @Test
    void createsUserWithLocationAndDefaults() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "  Ada Lovelace ", "email", "ada@example.com"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches(HttpHeaders.LOCATION, "/users/\\d+")
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"1-[0-9a-f]{16}\"")
                .expectBody()
                .jsonPath("$.id")
                .isNumber()
                .jsonPath("$.name")
                .isEqualTo("Ada Lovelace")
                .jsonPath("$.email")
                .isEqualTo("ada@example.com")
                .jsonPath("$.role")
                .isEqualTo("member")
                .jsonPath("$.createdAt")
                .value(String.class, t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .jsonPath("$.updatedAt")
                .exists()
                .jsonPath("$.profile")
                .isEmpty()
                .jsonPath("$.posts")
                .isEmpty();

        assertThat(sql.queryForObject("SELECT name FROM users WHERE email = 'ada@example.com'", String.class))
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void createsUserWithPostsAndTagsInOneRequest() {
        var body = Map.of(
                "name",
                "Ada",
                "email",
                "ada@example.com",
                "role",
                "admin",
                "posts",
                java.util.List.of(
                        Map.of("title", "First", "body", "one", "tags", java.util.List.of("Math", "history", "math")),
                        Map.of("title", "Second")));

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("admin")
                .jsonPath("$.posts.length()")
                .isEqualTo(2)
                .jsonPath("$.posts[0].title")
                .isEqualTo("Second")
                .jsonPath("$.posts[1].title")
                .isEqualTo("First")
                .jsonPath("$.posts[1].tags")
                .isEqualTo(java.util.List.of("history", "math"));

        assertThat(sql.count("posts")).isEqualTo(2);
        assertThat(sql.count("tags")).isEqualTo(2);
        assertThat(sql.count("post_tags")).isEqualTo(2);
    }

    @Test
    void rejectsEveryInvalidFieldAtOnceAndWritesNothing() {
        var body = Map.of(
                "name",
                " ",
                "email",
                "not-an-email",
                "posts",
                java.util.List.of(Map.of("title", "", "tags", java.util.List.of("no spaces allowed"))));

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.title")
                .isEqualTo("Validation failed")
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("email", "name", "posts[0].tags[0]", "posts[0].title"));

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void rejectsAnEmailBuiltToBacktrackWithoutHangingTheServer() {
        // Over the length limit, but the pattern is applied all the same: in a backtracking form it costs
        // (199,000^2)/2 steps on an event loop, minutes rather than the five seconds allowed here.
        String email = "a@" + ".".repeat(199_000) + "@";

        impatient(anonymous)
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"a\", \"email\": \"" + email + "\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("email", "email"));

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void countsTheNameLimitInCharactersNotUtf16Units() {
        // U+1F600 is one character, as docs/api.md and the CHECK constraint's char_length count, but two UTF-16 units.
        String grin = new String(Character.toChars(0x1F600));

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", grin.repeat(100), "email", "ada@example.com"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", grin.repeat(101), "email", "grace@example.com"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(java.util.List.of("name"));

        assertThat(sql.queryForObject("SELECT char_length(name) FROM users", Integer.class))
                .isEqualTo(100);
    }

    @Test
    void rejectsDuplicateEmailIgnoringCaseWithConflict() {
        sql.insertUser("Ada", "ada@example.com", "member");

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Other", "email", "ADA@Example.com"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("A user with this email already exists");

        assertThat(sql.count("users")).isEqualTo(1);
    }

    @Test
    void rollsBackTheUserAndEarlierPostsWhenALaterPostFails() {
        // A database-side failure on the second post, after the user and the first post were inserted.
        sql.execute("""
                CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'boom' USING ERRCODE = 'check_violation'; END $$;
                CREATE TRIGGER posts_boom BEFORE INSERT ON posts FOR EACH ROW WHEN (NEW.title = 'boom')
                EXECUTE FUNCTION fail_on_boom();
                """);
        try {
            var body = Map.of(
                    "name",
                    "Ada",
                    "email",
                    "ada@example.com",
                    "posts",
                    java.util.List.of(
                            Map.of("title", "fine", "tags", java.util.List.of("kept-if-broken")),
                            Map.of("title", "boom")));

            http.post()
                    .uri("/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(400);

            assertThat(sql.count("users")).isZero();
            assertThat(sql.count("posts")).isZero();
            assertThat(sql.count("post_tags")).isZero();
        } finally {
            sql.execute("DROP TRIGGER posts_boom ON posts; DROP FUNCTION fail_on_boom();");
        }
    }

    @Test
    void rejectsReadOnlyAndUnknownFields() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada", "email", "ada@example.com", "createdAt", "2020-01-01T00:00:00.000Z"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("createdAt")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is read-only");

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada", "email", "ada@example.com", "nickname", "A"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("nickname");

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void rejectsWrongTypesWithoutCoercion() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": 42, \"email\": \"ada@example.com\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("name")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a string");

        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"role\": \"root\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be one of admin, member");
    }

    @Test
    void rejectsARoleGivenAsANumberRatherThanTakingItAsAnIndex() {
        // Jackson would otherwise read 0 as the first constant (admin) and 1 as the second (member).
        for (String role : new String[] {"0", "1"}) {
            http.post()
                    .uri("/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"role\": " + role + "}")
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

        assertThat(sql.count("users")).isZero();
    }

    @Test
    void rejectsMalformedJson() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Ada\", ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, d -> assertThat(d).startsWith("Malformed JSON"));
    }

    @Test
    void rejectsAnEmptyBody() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("A JSON request body is required");
    }

    @Test
    void rejectsNonJsonBodiesWithUnsupportedMediaType() {
        http.post()
                .uri("/users")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=Ada")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(415);
    }

    @Test
    void readsJsonUnderAnyJsonTypeAndNothingElse() {
        for (String type : new String[] {"application/x-ndjson", "text/json-ish", "application/jsonl"}) {
            http.post()
                    .uri("/users")
                    .header("Content-Type", type)
                    .bodyValue("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(415);
        }
        assertThat(sql.count("users")).isZero();
        for (String type : new String[] {"application/json;charset=utf-8", "application/merge-patch+json"}) {
            http.post()
                    .uri("/users")
                    .header("Content-Type", type)
                    .bodyValue("{\"name\":\"Ada\",\"email\":\"" + type.length() + "@example.com\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody();
        }
    }

    @Test
    void refusesUnacceptableRepresentationsBeforeWritingAnything() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_XML)
                .bodyValue(Map.of("name", "Ada", "email", "ada@example.com"))
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(406);

        assertThat(sql.count("users")).isZero();
    }
}

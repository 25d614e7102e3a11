package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Object-level rules: a member changes only itself, its posts and its profile; only an admin creates or promotes
 * an admin; an admin may do anything. A refused write is a 403 problem and leaves the database as it was.
 */
class OwnershipIntegrationTests extends IntegrationTest {

    long ada;
    long grace;
    long gracePost;
    WebTestClient asAda;

    @BeforeEach
    void twoMembers() {
        ada = sql.insertUser("Ada", "ada@example.com", "member");
        grace = sql.insertUser("Grace", "grace@example.com", "member");
        gracePost = sql.insertPost(grace, "COBOL", Instant.parse("2026-01-01T00:00:00.000Z"));
        sql.tag(gracePost, "languages");
        sql.insertProfile(grace, "Rear admiral", null);
        asAda = as(Tokens.member(ada));
    }

    @Test
    void letsAMemberChangeItself() {
        patch(asAda, "/users/" + ada, Map.of("name", "Ada King"))
                .expectStatus()
                .isOk()
                .expectBody();

        assertThat(column("users", "name", ada)).isEqualTo("Ada King");
    }

    @Test
    void forbidsAMemberToChangeAnotherUser() {
        expectForbidden(patch(asAda, "/users/" + grace, Map.of("email", "mallory@example.com")));

        assertThat(column("users", "email", grace)).isEqualTo("grace@example.com");
        assertThat(column("users", "version", grace)).isEqualTo("1");
    }

    @Test
    void forbidsAMemberToChangeAnotherUserEvenWithItsCurrentVersion() {
        expectForbidden(asAda.patch()
                .uri("/users/{id}", grace)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory"))
                .exchange());

        assertThat(column("users", "name", grace)).isEqualTo("Grace");
    }

    /** 403 comes before 412: a stale version on another's object must not tell the member it was stale. */
    @Test
    void forbidsAMemberWritingAnotherUsersObjectsEvenWithAStaleVersion() {
        String stale = "\"7\"";
        expectForbidden(asAda.patch()
                .uri("/users/{id}", grace)
                .header(HttpHeaders.IF_MATCH, stale)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory"))
                .exchange());
        expectForbidden(asAda.delete()
                .uri("/users/{id}", grace)
                .header(HttpHeaders.IF_MATCH, stale)
                .exchange());
        expectForbidden(asAda.patch()
                .uri("/posts/{id}", gracePost)
                .header(HttpHeaders.IF_MATCH, stale)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Defaced"))
                .exchange());
        expectForbidden(asAda.delete()
                .uri("/posts/{id}", gracePost)
                .header(HttpHeaders.IF_MATCH, stale)
                .exchange());

        assertThat(column("users", "name", grace)).isEqualTo("Grace");
        assertThat(column("posts", "title", gracePost)).isEqualTo("COBOL");
    }

    @Test
    void forbidsAMemberToDeleteAnotherUser() {
        expectForbidden(asAda.delete().uri("/users/{id}", grace).exchange());

        assertThat(sql.count("users")).isEqualTo(2);
        assertThat(sql.count("posts")).isEqualTo(1);
    }

    @Test
    void letsAMemberDeleteItself() {
        asAda.delete()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody();

        assertThat(sql.queryForList("SELECT id FROM users", Long.class)).containsExactly(grace);
    }

    @Test
    void forbidsAMemberToPromoteItself() {
        expectForbidden(patch(asAda, "/users/" + ada, Map.of("role", "admin", "name", "Ada King")))
                .jsonPath("$.detail")
                .isEqualTo("Only an admin may change a role");

        assertThat(column("users", "role", ada)).isEqualTo("member");
        assertThat(column("users", "name", ada)).isEqualTo("Ada");
        assertThat(column("users", "version", ada)).isEqualTo("1");
    }

    /** A stale version would not make the promotion allowed, so the answer is the 403, not a 412 to retry. */
    @Test
    void forbidsAMemberToPromoteItselfBeforeCheckingItsVersion() {
        for (String ifMatch : List.of("\"1\"", "\"7\"")) {
            expectForbidden(asAda.patch()
                            .uri("/users/{id}", ada)
                            .header(HttpHeaders.IF_MATCH, ifMatch)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("role", "admin"))
                            .exchange())
                    .jsonPath("$.detail")
                    .isEqualTo("Only an admin may change a role");
        }

        assertThat(column("users", "role", ada)).isEqualTo("member");
    }

    /** Clients PATCH back the representation they read: its unchanged role is not a role change. */
    @Test
    void letsAMemberSendItsUnchangedRoleBack() {
        patch(asAda, "/users/" + ada, Map.of("name", "Ada King", "email", "ada@example.com", "role", "member"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ada King")
                .jsonPath("$.role")
                .isEqualTo("member");

        assertThat(column("users", "name", ada)).isEqualTo("Ada King");
        assertThat(column("users", "role", ada)).isEqualTo("member");
    }

    /** The role a member may send back is the one stored, not the one its token claims. */
    @Test
    void forbidsAMemberToSendBackARoleItNoLongerHas() {
        sql.execute("UPDATE users SET role = 'admin' WHERE id = " + ada);

        expectForbidden(patch(asAda, "/users/" + ada, Map.of("name", "Ada King", "role", "member")));

        assertThat(column("users", "role", ada)).isEqualTo("admin");
        assertThat(column("users", "name", ada)).isEqualTo("Ada");
    }

    @Test
    void forbidsSigningUpAsAnAdmin() {
        expectForbidden(anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory", "email", "mallory@example.com", "role", "admin"))
                .exchange());
        expectForbidden(asAda.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory", "email", "mallory@example.com", "role", "admin"))
                .exchange());

        assertThat(sql.count("users")).isEqualTo(2);
    }

    @Test
    void letsAnAdminCreateAndPromoteAdmins() {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Root", "email", "root@example.com", "role", "admin"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();
        patch(http, "/users/" + ada, Map.of("role", "admin"))
                .expectStatus()
                .isOk()
                .expectBody();

        assertThat(sql.queryForList("SELECT name FROM users WHERE role = 'admin' ORDER BY name", String.class))
                .containsExactly("Ada", "Root");
    }

    @Test
    void forbidsAMemberToPostAsAnotherUser() {
        expectForbidden(asAda.post()
                .uri("/users/{id}/posts", grace)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Grace was wrong", "tags", List.of("fake")))
                .exchange());

        assertThat(sql.count("posts")).isEqualTo(1);
        assertThat(sql.count("tags")).isEqualTo(1);
    }

    @Test
    void letsAMemberPostAsItself() {
        asAda.post()
                .uri("/users/{id}/posts", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Notes", "tags", List.of("math")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();

        assertThat(sql.queryForList("SELECT author_id FROM posts ORDER BY id", Long.class))
                .containsExactly(grace, ada);
    }

    @Test
    void forbidsAMemberToChangeAnotherUsersPost() {
        expectForbidden(patch(asAda, "/posts/" + gracePost, Map.of("title", "Defaced", "tags", List.of("spam"))));

        assertThat(column("posts", "title", gracePost)).isEqualTo("COBOL");
        assertThat(column("posts", "version", gracePost)).isEqualTo("1");
        assertThat(sql.queryForList(
                        "SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ?",
                        String.class,
                        gracePost))
                .containsExactly("languages");
    }

    @Test
    void forbidsAMemberToDeleteAnotherUsersPost() {
        expectForbidden(asAda.delete().uri("/posts/{id}", gracePost).exchange());

        assertThat(sql.count("posts")).isEqualTo(1);
    }

    @Test
    void letsAMemberChangeAndDeleteItsOwnPost() {
        var asGrace = as(Tokens.member(grace));

        patch(asGrace, "/posts/" + gracePost, Map.of("title", "COBOL, revised"))
                .expectStatus()
                .isOk()
                .expectBody();
        asGrace.delete()
                .uri("/posts/{id}", gracePost)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody();

        assertThat(sql.count("posts")).isZero();
    }

    @Test
    void stillAnswers412ToTheOwnerWithAStaleVersion() {
        as(Tokens.member(grace))
                .patch()
                .uri("/posts/{id}", gracePost)
                .header(HttpHeaders.IF_MATCH, "\"7\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Late"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody();
    }

    @Test
    void forbidsAMemberToReplaceOrDeleteAnotherUsersProfile() {
        expectForbidden(asAda.put()
                .uri("/users/{id}/profile", grace)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Defaced"))
                .exchange());
        expectForbidden(asAda.delete().uri("/users/{id}/profile", grace).exchange());

        assertThat(sql.queryForObject("SELECT bio FROM profiles WHERE user_id = ?", String.class, grace))
                .isEqualTo("Rear admiral");
    }

    @Test
    void forbidsAMemberToCreateAProfileForAnotherUser() {
        long alan = sql.insertUser("Alan", "alan@example.com", "member");

        expectForbidden(asAda.put()
                .uri("/users/{id}/profile", alan)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Defaced"))
                .exchange());

        assertThat(sql.count("profiles")).isEqualTo(1);
    }

    @Test
    void answers404ForTheProfileOfNoUser() {
        asAda.put()
                .uri("/users/{id}/profile", grace + 1000)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Nobody"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody();

        assertThat(sql.count("profiles")).isEqualTo(1);
    }

    @Test
    void letsAnAdminChangeAndDeleteAnything() {
        patch(http, "/posts/" + gracePost, Map.of("title", "Moderated"))
                .expectStatus()
                .isOk()
                .expectBody();
        http.put()
                .uri("/users/{id}/profile", grace)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Moderated"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        http.delete()
                .uri("/users/{id}", grace)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody();

        assertThat(sql.queryForList("SELECT id FROM users", Long.class)).containsExactly(ada);
        assertThat(sql.count("posts")).isZero();
    }

    @Test
    void refusesFieldsAClientMayNotSet() {
        asAda.post()
                .uri("/users/{id}/posts", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Sneaky", "authorId", grace))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("authorId")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is read-only");
        patch(asAda, "/users/" + ada, Map.of("name", "Ada", "id", grace, "version", 99))
                .expectStatus()
                .isBadRequest()
                .expectBody();

        assertThat(sql.count("posts")).isEqualTo(1);
        assertThat(column("users", "version", ada)).isEqualTo("1");
    }

    private static WebTestClient.ResponseSpec patch(WebTestClient client, String path, Map<String, ?> body) {
        return client.patch()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static WebTestClient.BodyContentSpec expectForbidden(WebTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403);
    }

    private static String column(String table, String column, long id) {
        return sql.queryForObject("SELECT " + column + "::text FROM " + table + " WHERE id = ?", String.class, id);
    }
}

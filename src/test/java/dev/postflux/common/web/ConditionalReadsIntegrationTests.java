package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * {@code If-None-Match} answers 304 only while the representation is the one the tag was given for: a change to a
 * relation it embeds (a profile, a post, an author) is a change of the representation, though not of the resource's
 * own version.
 */
class ConditionalReadsIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-06-14T09:12:00.000Z");

    @Test
    void aUserWithItsRelationsIsNotModifiedUntilOneOfThemChanges() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);
        long post = sql.insertPost(ada, "Engines", T0);
        String first = etagOf("/users/" + ada);
        assertThat(first).matches("\"1-[0-9a-f]{16}\"");
        assertNotModified("/users/" + ada, first);

        put("/users/" + ada + "/profile", "{\"bio\":\"Mathematician\"}");
        String withProfile = assertModified("/users/" + ada, first);

        put("/users/" + ada + "/profile", "{\"bio\":\"Poet\"}");
        String withOtherBio = assertModified("/users/" + ada, withProfile);

        patch("/posts/" + post, "{\"tags\":[\"math\"]}");
        String retagged = assertModified("/users/" + ada, withOtherBio);

        http.post()
                .uri("/users/{id}/posts", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Notes\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();
        String withNewPost = assertModified("/users/" + ada, retagged);

        http.delete().uri("/posts/{id}", post).exchange().expectStatus().isNoContent();
        String withoutOldPost = assertModified("/users/" + ada, withNewPost);

        assertThat(withoutOldPost).startsWith("\"1-");
        assertNotModified("/users/" + ada, withoutOldPost);
    }

    @Test
    void aPostIsNotModifiedUntilItsAuthorChanges() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);
        long post = sql.insertPost(ada, "Engines", T0);
        String first = etagOf("/posts/" + post);
        assertNotModified("/posts/" + post, first);

        patch("/users/" + ada, "{\"name\":\"Ada King\"}");

        assertModified("/posts/" + post, first);
    }

    @Test
    void aRepresentationWithoutRelationsIsTaggedWithItsVersionAlone() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);
        sql.insertPost(ada, "Engines", T0);

        assertThat(etagOf("/users/" + ada + "?fields=name,version")).isEqualTo("\"1\"");
        assertNotModified("/users/" + ada + "?fields=name,version", "\"1\"");
    }

    @Test
    void aWriteMayBeConditionalOnTheTagOfARepresentationWithRelations() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member", T0);
        String tag = etagOf("/users/" + ada);

        http.patch()
                .uri("/users/{id}", ada)
                .header(HttpHeaders.IF_MATCH, tag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada King\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.ETAG, "\"2-[0-9a-f]{16}\"")
                .expectBody();
        // The same tag again: the user is at version 2 now.
        http.patch()
                .uri("/users/{id}", ada)
                .header(HttpHeaders.IF_MATCH, tag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada Lovelace\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody();
        assertThat(sql.queryForObject("SELECT name FROM users WHERE id = ?", String.class, ada))
                .isEqualTo("Ada King");
    }

    private String etagOf(String uri) {
        String tag = okTag(uri, "\"no such tag\"");
        assertThat(tag).isNotNull();
        return tag;
    }

    private void assertNotModified(String uri, String tag) {
        http.get()
                .uri(uri)
                .header(HttpHeaders.IF_NONE_MATCH, tag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectBody()
                .isEmpty();
    }

    /** @return the new tag, after checking that the old one no longer matches */
    private String assertModified(String uri, String staleTag) {
        String tag = okTag(uri, staleTag);
        assertThat(tag).isNotEqualTo(staleTag);
        return tag;
    }

    private String okTag(String uri, String ifNoneMatch) {
        return http.get()
                .uri(uri)
                .header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getETag();
    }

    private void put(String uri, String json) {
        write(HttpMethod.PUT, uri, json);
    }

    private void patch(String uri, String json) {
        write(HttpMethod.PATCH, uri, json);
    }

    private void write(HttpMethod method, String uri, String json) {
        http.method(method)
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody();
    }
}

package dev.postflux.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A user created with several tagged posts creates all their tags with one statement, in sorted order, when its
 * transaction commits: so that two such sign-ups that need the same new tags take their locks in the same order
 * and cannot deadlock (post by post, one wrote "y" then waited for "x" while the other wrote "x" then waited for
 * "y", and PostgreSQL aborted one: 503).
 */
class TagLockOrderIntegrationTests extends IntegrationTest {

    @Test
    void storesEveryPostsTagsWhenPostsShareAndRepeatThemInAnyOrder() {
        var response = signUp(
                "ada@example.com",
                List.of(List.of("b", "A", "c"), List.of("c", "b", "c"), List.of(), List.of("a", " D ", "A")));

        assertThat(response.getStatus().value()).isEqualTo(201);
        assertThat(sql.queryForList("SELECT name FROM tags ORDER BY name", String.class))
                .containsExactly("a", "b", "c", "d");
        assertThat(sql.queryForList(
                        "SELECT p.title || ':' || coalesce(string_agg(t.name, ',' ORDER BY t.name), '') FROM posts p"
                                + " LEFT JOIN post_tags pt ON pt.post_id = p.id LEFT JOIN tags t ON t.id = pt.tag_id"
                                + " GROUP BY p.title ORDER BY p.title",
                        String.class))
                .containsExactly("Post 0:a,b,c", "Post 1:b,c", "Post 2:", "Post 3:a,d");
        assertThat(response.getResponseBody()).contains("\"tags\":[\"a\",\"b\",\"c\"]", "\"tags\":[\"a\",\"d\"]");
    }

    @Test
    void createsTheTagsOfAllPostsWithOneStatementAndLinksThemWithAnother() {
        signUp("ada@example.com", List.of(List.of("y"), List.of("x"), List.of("x", "z")));

        assertThat(statements.queries())
                .as("the user, three posts, the tags, the links")
                .hasSize(6)
                .filteredOn(sql -> sql.startsWith("INSERT INTO tags"))
                .hasSize(1);
    }

    /**
     * The interleaving that deadlocked, forced: another transaction holds the uncommitted tag "x" while the sign-up
     * (posts tagged "y", then "x") waits for it, then takes "y" as well. A sign-up that wrote "y" first would now
     * wait for that transaction while it waits for the sign-up.
     */
    @Test
    void waitsForAnotherWriterOfTheSameNewTagsInsteadOfDeadlocking() throws Exception {
        CompletableFuture<EntityExchangeResult<String>> signUp;
        try (Connection other = sql.openTransaction()) {
            insertTag(other, "x");
            signUp =
                    CompletableFuture.supplyAsync(() -> signUp("ada@example.com", List.of(List.of("y"), List.of("x"))));
            await().atMost(Duration.ofSeconds(10)).until(sql::serverWaitsForALock);

            insertTag(other, "y");
            other.commit();
        }

        var response = signUp.get(30, TimeUnit.SECONDS);
        assertThat(response.getStatus().value()).as(response.getResponseBody()).isEqualTo(201);
        assertThat(sql.count("post_tags")).isEqualTo(2);
    }

    private EntityExchangeResult<String> signUp(String email, List<List<String>> tagsOfEachPost) {
        var posts = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < tagsOfEachPost.size(); i++) {
            posts.add(Map.of("title", "Post " + i, "tags", tagsOfEachPost.get(i)));
        }
        return http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada", "email", email, "posts", posts))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private static void insertTag(Connection connection, String name) throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO tags (name) VALUES (?) ON CONFLICT DO NOTHING")) {
            statement.setQueryTimeout(30);
            statement.setString(1, name);
            statement.executeUpdate();
        }
    }
}

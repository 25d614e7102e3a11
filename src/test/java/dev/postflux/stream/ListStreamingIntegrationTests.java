package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/** Every list streamed whole, as server-sent events or NDJSON, resumable from any event. */
class ListStreamingIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000Z");
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
            new ParameterizedTypeReference<>() {};

    @Test
    void streamsEveryUserAsServerSentEventsAcrossManyPages() {
        sql.insertUsers(2_500, T0);

        List<ServerSentEvent<Map<String, Object>>> events = sse("/users");

        assertThat(events).hasSize(2_501);
        var users = events.subList(0, 2_500);
        assertThat(users).allSatisfy(event -> assertThat(event.event()).isEqualTo("user"));
        assertThat(users.get(0).data()).containsEntry("name", "User 2500");
        assertThat(users.get(2_499).data()).containsEntry("name", "User 1");
        assertThat(new HashSet<>(users.stream().map(ServerSentEvent::id).toList()))
                .hasSize(2_500);
        assertThat(events.get(2_500).event()).isEqualTo("end");
    }

    @Test
    void sendsTheSameJsonAsTheArrayForm() {
        sql.insertUsers(3, T0);
        var array = http.get()
                .uri("/users?limit=1")
                .exchange()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();

        var first = sse("/users").get(0);

        assertThat(first.data()).isEqualTo(array.get(0));
    }

    @Test
    void streamsPostsAsNdjsonWithTheSameFiltersAndOrder() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        for (int i = 0; i < 5; i++) {
            long post = sql.insertPost(ada, "Post " + i, T0.plusSeconds(i));
            if (i % 2 == 0) {
                sql.tag(post, "even");
            }
        }

        var lines = http.get()
                .uri("/posts?tag=even&fields=title")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() {})
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(lines)
                .containsExactly(Map.of("title", "Post 4"), Map.of("title", "Post 2"), Map.of("title", "Post 0"));
    }

    @Test
    void streamsEveryRowOnceInOrderWhilePagesShrinkForLargeRowsAndGrowBack() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        // Newest first: 500 small posts, 300 of the longest body, 500 small again.
        sql.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, body, created_at, updated_at)"
                + " SELECT " + ada + ", 'Post ' || g, CASE WHEN g BETWEEN 501 AND 800 THEN repeat('x', 50000) END,"
                + " timestamptz '" + T0 + "' + g * interval '1 millisecond',"
                + " timestamptz '" + T0 + "' + g * interval '1 millisecond'"
                + " FROM generate_series(1, 1300) g; COMMIT;");
        statements.clear();

        var ids = ndjson("/posts").stream()
                .map(post -> ((Number) post.get("id")).longValue())
                .toList();

        assertThat(ids)
                .isEqualTo(LongStream.rangeClosed(1, 1300)
                        .map(id -> 1301 - id)
                        .boxed()
                        .toList());
        assertThat(statements.pageLimits("FROM posts p"))
                .contains(1_000L)
                .anySatisfy(limit -> assertThat(limit).isLessThan(50L));
    }

    @Test
    void capsAStreamWithLimitBeyondThePageMaximum() {
        sql.insertUsers(250, T0);

        assertThat(sse("/users?limit=150")).hasSize(151);
    }

    @Test
    void resumesRightAfterTheLastEventIdWithoutLossOrRepeat() {
        sql.insertUsers(1_500, T0);
        var firstTen = sse("/users?limit=10");
        String lastSeen = firstTen.get(9).id();

        var rest = http.get()
                .uri("/users")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", lastSeen)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENT)
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(rest).hasSize(1_491);
        assertThat(rest.get(0).data()).containsEntry("name", "User 1490");
        var all = new HashSet<String>();
        firstTen.subList(0, 10).forEach(event -> all.add(event.id()));
        rest.subList(0, 1_490).forEach(event -> all.add(event.id()));
        assertThat(all).hasSize(1_500);
    }

    @Test
    void resumesWithTheAfterParameterToo() {
        sql.insertUsers(30, T0);
        String fifth = sse("/users?limit=5").get(4).id();

        assertThat(sse("/users?after=" + fifth).get(0).data()).containsEntry("name", "User 25");
    }

    @Test
    void answersNotFoundBeforeStreamingThePostsOfAMissingUser() {
        http.get()
                .uri("/users/4242/posts")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No user with id 4242");
    }

    @Test
    void rejectsALastEventIdItDidNotIssue() {
        http.get()
                .uri("/users")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "garbage")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("Last-Event-ID");
    }

    @Test
    void refusesFormatsItCannotProduce() {
        http.get()
                .uri("/users")
                .accept(MediaType.APPLICATION_XML)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(406);
    }

    /** The page that reaches the limit is the last one read: no query for rows the stream would not send. */
    @Test
    void readsNoPageBeyondTheLimit() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.execute(
                "INSERT INTO posts (author_id, title) SELECT " + ada + ", 'Post ' || g FROM generate_series(1, 100) g");
        statements.clear();

        assertThat(sse("/posts?limit=20")).hasSize(21); // and the end event

        assertThat(statements.pageLimits("FROM posts p"))
                .as("the LIMITs of the page queries")
                .isNotEmpty()
                .allSatisfy(limit -> assertThat(limit).isLessThanOrEqualTo(20L));
        assertThat(statements.pageLimits("FROM posts p").stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(20L);
    }

    private List<ServerSentEvent<Map<String, Object>>> sse(String uri) {
        return http.get()
                .uri(uri)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(EVENT)
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(60));
    }
}

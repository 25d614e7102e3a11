package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** HEAD is answered wherever GET is, with GET's status and headers and no body (RFC 9110, 9.3.2). */
class HeadRequestsIntegrationTests extends IntegrationTest {

    @Test
    void answersHeadWithTheHeadersOfGetAndNoBody() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 3, Instant.parse("2026-01-01T00:00:00.000Z"));
        var get = http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();

        var head = http.head()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .isEmpty();

        HttpHeaders headers = head.getResponseHeaders();
        assertThat(headers.getContentLength()).isEqualTo(get.getResponseBodyContent().length);
        assertThat(headers.getETag())
                .isNotNull()
                .isEqualTo(get.getResponseHeaders().getETag());
    }

    @Test
    void answersHeadOfAMissingResourceWith404AndNoBody() {
        http.head()
                .uri("/users/{id}", 424242)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .isEmpty();
    }

    @Test
    void answersHeadOfAListWithoutBody() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 5, Instant.parse("2026-01-01T00:00:00.000Z"));

        http.head()
                .uri("/posts")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .isEmpty();
    }

    @Test
    void answersHeadOfAStreamWithItsHeadersWithoutStartingIt() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 5, Instant.parse("2026-01-01T00:00:00.000Z"));
        statements.clear();

        for (MediaType stream : List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON)) {
            http.head()
                    .uri("/posts")
                    .accept(stream)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(stream)
                    .expectBody()
                    .isEmpty();
        }

        assertThat(statements.queries()).noneMatch(query -> query.contains("FROM posts"));
        http.get()
                .uri("/posts")
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(statements.queries())
                .as("the GET of the same stream does query")
                .anyMatch(query -> query.contains("FROM posts"));
    }

    @Test
    void answersHeadOfTheEndlessEventStreamAtOnce() {
        http.mutate()
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .head()
                .uri("/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody()
                .isEmpty();
    }

    @Test
    void leavesWritesAlone() {
        http.head()
                .uri("/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .isEmpty();
        assertThat(sql.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
    }
}

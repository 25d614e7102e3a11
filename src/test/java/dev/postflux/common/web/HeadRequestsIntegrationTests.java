package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

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

        var head = headersOnly(head("/users/" + ada, MediaType.ALL), HttpStatus.OK, MediaType.APPLICATION_JSON);

        assertThat(head.getResponseHeaders().getContentLength()).isEqualTo(get.getResponseBodyContent().length);
        assertThat(head.getResponseHeaders().getETag())
                .isNotNull()
                .isEqualTo(get.getResponseHeaders().getETag());
    }

    @Test
    void answersHeadOfAMissingResourceOrPathWith404AndNoBody() {
        headersOnly(head("/users/424242", MediaType.ALL), HttpStatus.NOT_FOUND, MediaType.APPLICATION_PROBLEM_JSON);
        headersOnly(head("/nowhere", MediaType.ALL), HttpStatus.NOT_FOUND, MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersHeadOfAListWithoutBody() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 5, Instant.parse("2026-01-01T00:00:00.000Z"));

        headersOnly(head("/posts", MediaType.APPLICATION_JSON), HttpStatus.OK, MediaType.APPLICATION_JSON);
    }

    @Test
    void answersHeadOfAStreamWithItsHeadersWithoutStartingIt() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 5, Instant.parse("2026-01-01T00:00:00.000Z"));
        statements.clear();

        for (MediaType stream : List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON)) {
            headersOnly(head("/posts", stream), HttpStatus.OK, stream);
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
        var response = http.mutate()
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .head()
                .uri("/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange();

        headersOnly(response, HttpStatus.OK, MediaType.TEXT_EVENT_STREAM);
    }

    private WebTestClient.ResponseSpec head(String path, MediaType accept) {
        return http.head().uri(path).accept(accept).exchange();
    }

    /** The status and content type GET would have had, and no body. */
    private static EntityExchangeResult<Void> headersOnly(
            WebTestClient.ResponseSpec response, HttpStatus status, MediaType type) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(type)
                .expectBody()
                .isEmpty();
    }
}

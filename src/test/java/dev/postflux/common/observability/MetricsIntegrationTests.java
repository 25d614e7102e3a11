package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttpStream;
import dev.postflux.support.Scrape;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What Prometheus scrapes from {@code /actuator/prometheus}: request timings by route, the pool, open streams. */
class MetricsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void timesRequestsByRouteTemplateNotByRawPath() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        // The context, and its counters, are shared with earlier test classes: count what this test adds.
        double notFoundBefore = notFoundByTemplate(Scrape.of(http));
        http.get().uri("/users/{id}", ada).exchange().expectStatus().isOk().expectBody();
        http.get().uri("/users/42").exchange().expectStatus().isNotFound().expectBody();
        http.get().uri("/users/43").exchange().expectStatus().isNotFound().expectBody();

        var scrape = Scrape.of(http);

        assertThat(notFoundByTemplate(scrape) - notFoundBefore).isEqualTo(2.0);
        assertThat(scrape.matching("http_server_requests_seconds_count", "uri=\"/users/{id}\"", "status=\"200\""))
                .isNotEmpty();
        assertThat(scrape.matching("http_server_requests_seconds_bucket", "uri=\"/users/{id}\""))
                .as("histogram buckets, for percentiles across instances")
                .isNotEmpty();
        assertThat(scrape.samples())
                .noneMatch(line -> line.contains("uri=\"/users/42\"") || line.contains("/users/43"));
    }

    private static double notFoundByTemplate(Scrape scrape) {
        return scrape.value(
                        "http_server_requests_seconds_count", "method=\"GET\"", "uri=\"/users/{id}\"", "status=\"404\"")
                .orElse(0.0);
    }

    @Test
    void exposesThePoolGauges() {
        var scrape = Scrape.of(http);

        assertThat(scrape.value("r2dbc_pool_max_allocated_connections")).hasValue(16.0);
        assertThat(scrape.value("r2dbc_pool_max_pending_connections")).hasValue(1000.0);
        assertThat(scrape.value("r2dbc_pool_idle_connections"))
                .hasValueSatisfying(idle -> assertThat(idle).isGreaterThanOrEqualTo(1));
        assertThat(scrape.has("r2dbc_pool_acquired_connections")).isTrue();
        assertThat(scrape.has("r2dbc_pool_pending_connections")).isTrue();
    }

    @Test
    void countsOpenListStreams() throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 20_000, Instant.parse("2026-01-01T00:00:00.000Z"));
        // The context is shared: a stream an earlier test class cut may take a moment to be counted as closed.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(Scrape.of(http).value("postflux_streams_open"))
                        .hasValue(0.0));

        try (var stream = RawHttpStream.get(port, "/posts", "text/event-stream", 4096)) {
            stream.read(4096);

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(Scrape.of(http).value("postflux_streams_open"))
                            .hasValue(1.0));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Scrape.of(http).value("postflux_streams_open"))
                        .hasValue(0.0));
        assertThat(Scrape.of(http).value("postflux_streams_max")).hasValue(256.0);
    }

    @Test
    void countsLiveEventSubscribers() throws Exception {
        try (var events = RawHttpStream.get(port, "/events", "text/event-stream", 8192)) {
            events.readUntil(":subscribed");

            assertThat(Scrape.of(http).value("postflux_events_subscribers")).hasValue(1.0);
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Scrape.of(http).value("postflux_events_subscribers"))
                        .hasValue(0.0));
    }
}

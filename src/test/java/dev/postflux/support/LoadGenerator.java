package dev.postflux.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Keeps a fixed number of requests in flight against a server until stopped, recording every outcome with the
 * time it started and finished: what fault tests assert on ("only 503s during the outage, none after").
 */
public final class LoadGenerator implements AutoCloseable {

    /** One request's outcome; status 0 means the connection itself failed. */
    public record Outcome(long startedNanos, long finishedNanos, int status, String contentType, String retryAfter) {

        public Duration took() {
            return Duration.ofNanos(finishedNanos - startedNanos);
        }
    }

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Disposable running;

    private final ConnectionProvider connections;

    private LoadGenerator(
            WebClient client, String path, int concurrency, Duration pause, ConnectionProvider connections) {
        this.connections = connections;
        this.running = Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> request(client, path).delaySubscription(pause), concurrency)
                .subscribe(outcomes::add);
    }

    public static LoadGenerator start(int port, String path, int concurrency) {
        return start(port, path, concurrency, Duration.ZERO);
    }

    /**
     * Each of the {@code concurrency} clients pauses {@code pause} between requests: the offered rate stays bounded
     * when the server answers instantly (refusals), as real clients' would, instead of spinning.
     */
    public static LoadGenerator start(int port, String path, int concurrency, Duration pause) {
        // Reactor Netty's default pool allows 2 x cores (at least 16) connections: the load would be capped there.
        var connections = ConnectionProvider.builder("load")
                .maxConnections(concurrency)
                .pendingAcquireMaxCount(-1)
                .build();
        var client = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        return new LoadGenerator(client, path, concurrency, pause, connections);
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Outcome> outcomes(Predicate<Outcome> which) {
        return outcomes.stream().filter(which).toList();
    }

    public Map<Integer, Long> statusCounts() {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
    }

    @Override
    public void close() {
        running.dispose();
        connections.dispose();
    }

    private static Mono<Outcome> request(WebClient client, String path) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return client.get()
                    .uri(path)
                    .exchangeToMono(response -> response.releaseBody()
                            .thenReturn(new Outcome(
                                    started,
                                    System.nanoTime(),
                                    response.statusCode().value(),
                                    response.headers()
                                            .contentType()
                                            .map(Object::toString)
                                            .orElse(""),
                                    response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
                    .onErrorResume(failed -> Mono.just(new Outcome(started, System.nanoTime(), 0, "", null)));
        });
    }
}

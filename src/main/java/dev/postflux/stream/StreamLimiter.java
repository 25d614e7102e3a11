package dev.postflux.stream;

import dev.postflux.common.error.Problems;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Bounds the number of open streams, in all (503: the server is busy) and per client (429: this client holds too
 * many). A stream over a limit fails at subscription, before any byte is written, so the client gets a clean
 * problem with Retry-After instead of a stream that never moves.
 */
@Component
public class StreamLimiter {

    private final StreamingProperties properties;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> openByClient = new ConcurrentHashMap<>();

    StreamLimiter(StreamingProperties properties) {
        this.properties = properties;
    }

    /** A list stream: counts towards both the server's and the client's limit. */
    public <T> Flux<T> limit(String client, Flux<T> stream) {
        return limitPerClient(client, Flux.using(this::acquire, permit -> stream, permit -> open.decrementAndGet()));
    }

    /** A stream that only the client's limit bounds (live events have their own, cheaper fan-out). */
    public <T> Flux<T> limitPerClient(String client, Flux<T> stream) {
        return Flux.using(() -> acquire(client), permit -> stream, permit -> release(client));
    }

    public int openStreams() {
        return open.get();
    }

    public int openStreams(String client) {
        var count = openByClient.get(client);
        return count == null ? 0 : count.get();
    }

    private Object acquire() {
        if (open.incrementAndGet() > properties.maxConcurrentStreams()) {
            open.decrementAndGet();
            throw Problems.unavailable("Too many open streams; retry shortly", properties.retryAfter());
        }
        return this;
    }

    private Object acquire(String client) {
        var count = openByClient.compute(client, (key, current) -> {
            var counter = current == null ? new AtomicInteger() : current;
            counter.incrementAndGet();
            return counter;
        });
        if (count.get() > properties.maxStreamsPerClient()) {
            release(client);
            throw Problems.tooManyRequests(
                    "This client already has " + properties.maxStreamsPerClient() + " open streams; close one first",
                    properties.retryAfter());
        }
        return client;
    }

    /** Forgets a client with no open stream, so that the map holds only clients that stream now. */
    private void release(String client) {
        openByClient.computeIfPresent(client, (key, counter) -> counter.decrementAndGet() <= 0 ? null : counter);
    }
}

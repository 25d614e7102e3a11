package dev.postflux.stream;

import dev.postflux.common.error.Problems;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Bounds the number of open streams, in all (503: the server is busy) and per client (429: this client holds too
 * many), and ends them all when the server shuts down. A stream over a limit fails at subscription, before any
 * byte is written, so the client gets a clean problem with Retry-After instead of a stream that never moves.
 *
 * <p>Shutdown: a list stream can last minutes, and Spring's graceful shutdown waits for every open response. So
 * this lifecycle stops first (its phase is above the web server's graceful shutdown): open streams stop taking
 * rows and end with a final event that tells the client where to resume, then the server drains in seconds.
 */
@Component
public class StreamLimiter implements SmartLifecycle {

    private final StreamingProperties properties;
    private final AtomicInteger open = new AtomicInteger();
    /** Completed at stop; replaced at start, since a context can be stopped and started again (paused in tests). */
    private volatile Sinks.Empty<Void> shutdown = Sinks.empty();

    private volatile boolean running;
    private final Map<String, AtomicInteger> openByClient = new ConcurrentHashMap<>();

    StreamLimiter(StreamingProperties properties) {
        this.properties = properties;
    }

    /** A list stream: counts towards both the server's and the client's limit, and ends at shutdown. */
    public <T> Flux<T> limit(String client, Flux<T> stream) {
        return limitPerClient(
                client,
                Flux.using(
                        this::acquire,
                        permit -> stream.takeUntilOther(shutdown.asMono()),
                        permit -> open.decrementAndGet()));
    }

    /** A stream that only the client's limit bounds (live events have their own, cheaper fan-out). */
    public <T> Flux<T> limitPerClient(String client, Flux<T> stream) {
        return Flux.using(() -> acquire(client), permit -> stream, permit -> release(client));
    }

    public int openStreams() {
        return open.get();
    }

    /** True once shutdown has begun: a stream that ends now ended because of it, not because it was complete. */
    public boolean shuttingDown() {
        return !running;
    }

    public int openStreams(String client) {
        var count = openByClient.get(client);
        return count == null ? 0 : count.get();
    }

    private Object acquire() {
        if (!running) {
            throw Problems.unavailable(
                    "The server is shutting down; retry on another instance", properties.retryAfter());
        }
        if (open.incrementAndGet() > properties.maxConcurrentStreams()) {
            open.decrementAndGet();
            throw Problems.unavailable("Too many open streams; retry shortly", properties.retryAfter());
        }
        return this;
    }

    @Override
    public void start() {
        shutdown = Sinks.empty();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        shutdown.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown (DEFAULT_PHASE - 1024), which would otherwise wait for streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
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

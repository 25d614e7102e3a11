package dev.postflux.stream;

import dev.postflux.common.error.Problems;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Bounds the number of open streams. A stream over the limit fails at subscription, before any byte is written,
 * so the client gets a clean 503 with Retry-After instead of a stream that never moves.
 */
@Component
public class StreamLimiter {

    private final StreamingProperties properties;
    private final AtomicInteger open = new AtomicInteger();

    StreamLimiter(StreamingProperties properties) {
        this.properties = properties;
    }

    public <T> Flux<T> limit(Flux<T> stream) {
        return Flux.using(this::acquire, permit -> stream, permit -> open.decrementAndGet());
    }

    public int openStreams() {
        return open.get();
    }

    private Object acquire() {
        if (open.incrementAndGet() > properties.maxConcurrentStreams()) {
            open.decrementAndGet();
            throw Problems.unavailable("Too many open streams; retry shortly", properties.retryAfter());
        }
        return this;
    }
}

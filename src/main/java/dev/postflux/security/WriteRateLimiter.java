package dev.postflux.security;

import dev.postflux.common.error.Problems;
import dev.postflux.common.web.ClientKeys;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client (its user id, else its address) for writes: POST, PUT, PATCH and DELETE. An empty
 * bucket answers 429 with {@code Retry-After} before the request reaches a handler or the database. Buckets are
 * in memory, per instance; a bucket that has refilled completely is forgotten (see {@link #forgetIdle}).
 */
final class WriteRateLimiter implements AutoCloseable {

    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final SecurityProperties.RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Disposable sweeper;

    WriteRateLimiter(SecurityProperties.RateLimit limit) {
        this.limit = limit;
        this.sweeper = limit.enabled()
                ? Flux.interval(limit.refillPeriod()).subscribe(tick -> forgetIdle())
                : Disposables.disposed();
    }

    @Override
    public void close() {
        sweeper.dispose();
    }

    /** Not a {@code WebFilter} bean (Boot would add it to every request a second time): the chain calls it. */
    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limit.enabled() || !WRITES.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return ClientKeys.of(exchange).flatMap(client -> {
            var probe = buckets.computeIfAbsent(client, key -> newBucket()).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return chain.filter(exchange);
            }
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill()).plusMillis(999);
            return Mono.error(Problems.tooManyRequests(
                    "Too many writes; this client may write " + limit.capacity() + " times per "
                            + limit.refillPeriod().toSeconds() + " s",
                    wait));
        });
    }

    /** Drops buckets that are full again: their clients have been idle for a whole refill period. */
    void forgetIdle() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.capacity());
    }

    int clients() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.refillPeriod())
                        .build())
                .build();
    }
}

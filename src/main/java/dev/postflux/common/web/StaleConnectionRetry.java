package dev.postflux.common.web;

import dev.postflux.common.error.Causes;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Runs a read again when its pooled connection turned out to be dead. After PostgreSQL restarts or an operator
 * kills backends, the pool may still hold connections whose sockets are closed but not yet noticed; validating
 * every connection on acquire with a query would cost a round trip on every request. Instead, a GET whose handler
 * fails on such a connection is run again, at most twice, on another one, after a short pause. A handler's response is built only
 * after its queries succeed, so nothing has reached the client yet. Writes are never retried: the server cannot
 * know whether PostgreSQL committed them before the connection died.
 *
 * <p>Every route table applies it: {@code route()...build().filter(StaleConnectionRetry.READS)}.
 */
public final class StaleConnectionRetry implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    public static final StaleConnectionRetry READS = new StaleConnectionRetry();

    private static final int RETRIES = 2;

    private static final String QUERY_CANCELED = "57014";
    /**
     * Killed backends close their sockets within milliseconds, not at once: a short pause lets the pool see the
     * closed ones (and drop them on acquire) instead of handing out the next dying connection immediately.
     */
    private static final Duration PAUSE = Duration.ofMillis(50);

    private StaleConnectionRetry() {}

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        Mono<ServerResponse> response = Mono.defer(() -> next.handle(request));
        // A HEAD is routed as its GET (HeadRequests), so it arrives here as one.
        if (!HttpMethod.GET.equals(request.method())) {
            return response;
        }
        return withRetries(response, RETRIES);
    }

    /**
     * {@code onErrorResume} rather than {@code retryWhen}: the latter builds a companion sink and subscriber on every
     * request, a cost paid by each successful read for a fault that happens after a restart (docs/benchmarks.md).
     */
    private static Mono<ServerResponse> withRetries(Mono<ServerResponse> response, int retriesLeft) {
        if (retriesLeft == 0) {
            return response;
        }
        return response.onErrorResume(
                StaleConnectionRetry::isDeadConnection,
                error -> Mono.delay(PAUSE).then(withRetries(response, retriesLeft - 1)));
    }

    /**
     * The driver raises a cancelled statement (SQLSTATE 57014: {@code statement_timeout}, or a cancel request) as a
     * resource exception too, like the class-57 errors of a terminated backend (57P01) that this retry is for; but
     * its connection is alive, and running a slow read again would only double the load it put on PostgreSQL.
     */
    private static boolean isDeadConnection(Throwable error) {
        return Causes.any(
                        error,
                        cause -> cause instanceof R2dbcNonTransientResourceException
                                || cause instanceof R2dbcTransientResourceException)
                && !Causes.any(
                        error,
                        cause -> cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState()));
    }
}

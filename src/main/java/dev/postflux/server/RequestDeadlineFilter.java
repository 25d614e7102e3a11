package dev.postflux.server;

import dev.postflux.common.error.Problems;
import dev.postflux.common.web.ClientConnection;
import dev.postflux.common.web.Negotiation;
import dev.postflux.database.Abandonment;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The client-side time budget of a plain request. PostgreSQL's statement_timeout cannot help when the database
 * is frozen or the network drops packets: the query would wait on the socket forever. Past the deadline the
 * request is cancelled and answered: a read 503 with Retry-After (its query is cancelled in PostgreSQL and its
 * connection closed: {@link Abandonment}), a write 504 (its outcome is unknown).
 *
 * <p>Streams (SSE, NDJSON) are exempt: they last as long as the list, and bound each page query instead. What
 * counts is what the request is answered with, not what its Accept header names: a stream is left alone when its
 * deadline fires. (Until 2026-12-06 a request naming a stream type in Accept at any weight, {@code q=0} included,
 * was not timed at all, though answered with plain JSON.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestDeadlineFilter implements WebFilter {

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ServerLimitsProperties limits;

    RequestDeadlineFilter(ServerLimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!SAFE_METHODS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange).timeout(deadline(exchange, null), Mono.error(() -> pastDeadline(exchange)));
        }
        // A read's queries are abandoned at the deadline: cancelled in PostgreSQL, their connections closed. A
        // write's are not: it runs to its end (Writes), and a cancel request could strike its COMMIT.
        var abandonment = new Abandonment();
        return chain.filter(exchange)
                .timeout(deadline(exchange, abandonment), Mono.error(() -> pastDeadline(exchange)))
                .contextWrite(abandonment::addTo);
    }

    /**
     * A read past its budget changed nothing and is safe to retry: 503 with Retry-After. A write may still commit
     * (a statement already sent runs on; a transaction finishes on its own), so its answer says the outcome is
     * unknown instead of inviting a retry that could apply it twice.
     */
    private Throwable pastDeadline(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (SAFE_METHODS.contains(method)) {
            return new TimeoutException("Request exceeded " + limits.requestTimeout());
        }
        return Problems.outcomeUnknown(
                "The database did not answer within " + limits.requestTimeout().toSeconds()
                        + " s; the change may still be applied: read the resource before retrying");
    }

    /**
     * Fires when the budget is spent. Timed by the event loop of the request's connection rather than Reactor's
     * parallel scheduler: arming it there is a local queue insertion, where the shared scheduler costs every request
     * a lock and, often, a wake-up of another thread (docs/benchmarks.md). Cancelling it from a database thread is
     * queued lazily by Netty, without waking the loop.
     */
    private Mono<Long> deadline(ServerWebExchange exchange, Abandonment abandonment) {
        Duration timeout = limits.requestTimeout();
        EventLoop loop = eventLoop(exchange);
        if (loop == null) {
            return Mono.delay(timeout).flatMap(tick -> cut(exchange, abandonment) ? Mono.just(tick) : Mono.never());
        }
        return Mono.create(sink -> {
            ScheduledFuture<?> timer = loop.schedule(
                    () -> {
                        if (cut(exchange, abandonment)) {
                            sink.success(0L);
                        }
                    },
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
            sink.onCancel(() -> timer.cancel(false));
        });
    }

    /**
     * Whether the deadline cuts the request: not when it is answered as a stream. Its queries are marked abandoned
     * first, so that the cancellation that follows releases their connections as such.
     */
    private static boolean cut(ServerWebExchange exchange, Abandonment abandonment) {
        if (answeredAsStream(exchange)) {
            return false;
        }
        if (abandonment != null) {
            abandonment.abandon();
        }
        return true;
    }

    /**
     * Whether the request is being answered as a stream: its handler has set the stream's content type by the time
     * the deadline fires, and the stream then lasts as long as it must. This also covers a request that did not ask
     * for a stream by name ({@code GET /events} answers SSE to a client that sends no Accept header or
     * {@code *&#47;*}, as curl and most HTTP libraries do).
     */
    private static boolean answeredAsStream(ServerWebExchange exchange) {
        MediaType answered = exchange.getResponse().getHeaders().getContentType();
        return answered != null && Negotiation.isStreamed(answered);
    }

    private static EventLoop eventLoop(ServerWebExchange exchange) {
        Connection connection = ClientConnection.of(exchange);
        return connection == null ? null : connection.channel().eventLoop();
    }
}

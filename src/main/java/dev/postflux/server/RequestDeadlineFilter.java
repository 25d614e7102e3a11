package dev.postflux.server;

import dev.postflux.common.web.Negotiation;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The client-side time budget of a plain request. PostgreSQL's statement_timeout cannot help when the database
 * is frozen or the network drops packets: the query would wait on the socket forever. Past the deadline the
 * request is cancelled (which cancels its query and returns its connection) and answered 503 with Retry-After.
 *
 * <p>Streams (SSE, NDJSON) are exempt: they last as long as the list, and bound each page query instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestDeadlineFilter implements WebFilter {

    private final ServerLimitsProperties limits;

    RequestDeadlineFilter(ServerLimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (streamed(exchange)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .timeout(
                        deadline(exchange),
                        Mono.error(() -> new TimeoutException("Request exceeded " + limits.requestTimeout())));
    }

    /**
     * Fires when the budget is spent. Timed by the event loop of the request's connection rather than Reactor's
     * parallel scheduler: arming it there is a local queue insertion, where the shared scheduler costs every request
     * a lock and, often, a wake-up of another thread (docs/benchmarks.md). Cancelling it from a database thread is
     * queued lazily by Netty, without waking the loop.
     */
    private Mono<Long> deadline(ServerWebExchange exchange) {
        Duration timeout = limits.requestTimeout();
        EventLoop loop = eventLoop(exchange);
        if (loop == null) {
            return Mono.delay(timeout);
        }
        return Mono.create(sink -> {
            ScheduledFuture<?> timer = loop.schedule(() -> sink.success(0L), timeout.toNanos(), TimeUnit.NANOSECONDS);
            sink.onCancel(() -> timer.cancel(false));
        });
    }

    private static EventLoop eventLoop(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? connection.channel().eventLoop() : null;
    }

    private static boolean streamed(ServerWebExchange exchange) {
        List<MediaType> acceptHeader;
        try {
            acceptHeader = exchange.getRequest().getHeaders().getAccept();
        } catch (InvalidMediaTypeException malformed) {
            return false; // not a stream: the route's content negotiation answers 400
        }
        return acceptHeader.stream()
                .anyMatch(accepted -> Negotiation.isStreamed(accepted) && !accepted.isWildcardType());
    }
}

package dev.postflux.server;

import dev.postflux.common.error.Problems;
import java.time.Duration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Closes at shutdown, just before the web server's graceful shutdown begins: from then on a request is refused
 * before any handler runs (503 with {@code Retry-After} and {@code Connection: close}), and a response committed
 * says {@code Connection: close}, so that clients stop reusing the connection.
 *
 * <p>Why: Reactor Netty's graceful shutdown ({@code DisposableServer.disposeNow}) looks once at every open
 * connection. It waits for those with a request being handled and closes the others, from its own thread, so the
 * close reaches the connection's event loop a moment later. A request read on a keep-alive connection in that
 * moment was handled, its write committed, and its connection then closed under it with no answer. A request that
 * passes this gate had its connection's operations in place before the gate closed, so that look finds it and waits
 * for its answer; any later one is refused, unprocessed, and can be sent again (docs/reliability.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ShutdownGate implements WebFilter, SmartLifecycle {

    private final Duration retryAfter;
    /** Open from construction: the web server starts in an earlier phase, and must not refuse its first requests. */
    private volatile boolean open = true;

    ShutdownGate(ServerLimitsProperties limits) {
        this.retryAfter = limits.retryAfter();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        if (!open) {
            closeConnectionAfter(response);
            return Mono.error(
                    Problems.unavailable("The server is shutting down; retry on another instance", retryAfter));
        }
        response.beforeCommit(() -> {
            if (!open) {
                closeConnectionAfter(response);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** Reactor Netty closes the connection once a response saying so is written. */
    private static void closeConnectionAfter(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
    }

    @Override
    public void start() {
        open = true;
    }

    @Override
    public void stop() {
        open = false;
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    /** Stops just before the graceful shutdown (and after the streams, StreamLimiter, whose phase is higher). */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }
}

package dev.postflux.common.web;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The client's connection, for what must end with it or run on its event loop. A stream whose client was gone
 * before its first write could stay subscribed forever: Reactor Netty neither wrote to the closed connection (so no
 * write failed) nor cancelled the response, and the stream kept its slot in the stream limits, and its page query
 * its place (found by the disconnect storm of CancellationIntegrationTests).
 */
public final class ClientConnection {

    private ClientConnection() {}

    /** The exchange's Reactor Netty connection; null off Reactor Netty. */
    public static Connection of(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? connection : null;
    }

    /** Whether the client's connection is closed (false off Reactor Netty, where it cannot be told). */
    public static boolean isGone(ServerWebExchange exchange) {
        Connection connection = of(exchange);
        return connection != null && !connection.channel().isActive();
    }

    /**
     * Completes when the exchange's connection closes, at once if it already has; never off Reactor Netty. Its
     * listener leaves with its subscriber: a keep-alive connection serving stream after stream holds none of the
     * ended ones.
     */
    public static Mono<Void> closed(ServerWebExchange exchange) {
        Connection connection = of(exchange);
        if (connection == null) {
            return Mono.never();
        }
        ChannelFuture closeFuture = connection.channel().closeFuture();
        return Mono.create(sink -> {
            ChannelFutureListener listener = closed -> sink.success();
            closeFuture.addListener(listener);
            sink.onDispose(() -> closeFuture.removeListener(listener));
        });
    }
}

package dev.postflux.common.web;

import io.netty.channel.Channel;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The client's connection, for what must end with it. A stream whose client was gone before its first write could
 * stay subscribed forever: Reactor Netty neither wrote to the closed connection (so no write failed) nor cancelled
 * the response, and the stream kept its slot in the stream limits, and its page query its place (found by the
 * disconnect storm of CancellationIntegrationTests).
 */
public final class ClientConnection {

    private ClientConnection() {}

    /** Completes when the exchange's connection closes, at once if it already has; never off Reactor Netty. */
    public static Mono<Void> closed(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(request instanceof Connection connection)) {
            return Mono.never();
        }
        Channel channel = connection.channel();
        return Mono.create(sink -> channel.closeFuture().addListener(closed -> sink.success()));
    }
}

package dev.postflux.common.web;

import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who a client is for its limits (write rate, open streams): the user id of its token when it has one, else its
 * remote address. Behind proxies, {@code postflux.server.trusted-proxies} makes the address the client's
 * (server/TrustedProxies).
 */
public final class ClientKeys {

    private ClientKeys() {}

    public static Mono<String> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(name -> "user:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> address(exchange)));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "address:unknown";
        }
        return "address:"
                + (remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString());
    }
}

package dev.postflux.common.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who a client is for its limits (write rate, open streams): the user id of its token when it has one, else its
 * remote address, and for IPv6 its /64 network. Behind proxies, {@code postflux.server.trusted-proxies} makes the
 * address the client's (server/TrustedProxies).
 *
 * <p>Why a /64: an IPv6 host is normally given a whole /64 (SLAAC, privacy addresses), so one client can change
 * address at will within it; keyed per address, it would get a fresh limit with every request. An IPv4 address
 * written as IPv6 ({@code ::ffff:192.0.2.1}) is keyed as the IPv4 address it is.
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
        InetAddress address = remote.getAddress();
        return "address:" + (address == null ? remote.getHostString() : key(address));
    }

    static String key(InetAddress address) {
        InetAddress canonical = canonical(address);
        if (!(canonical instanceof Inet6Address)) {
            return canonical.getHostAddress();
        }
        byte[] bytes = canonical.getAddress();
        var network = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            network.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)))
                    .append(':');
        }
        return network.append(":/64").toString();
    }

    /** The JDK gives an IPv4 address written as IPv6 ({@code ::ffff:a.b.c.d}) back as the IPv4 address it is. */
    private static InetAddress canonical(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException impossible) {
            // Thrown only for an address of neither 4 nor 16 bytes, which an InetAddress never has.
            return address;
        }
    }
}

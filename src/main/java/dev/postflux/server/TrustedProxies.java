package dev.postflux.server;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import reactor.netty.http.server.ConnectionInfo;

/**
 * The client's address behind proxies we trust ({@code postflux.server.trusted-proxies}): when the connection comes
 * from one of them, the client is the right-most {@code X-Forwarded-For} address that is not one of them. Each proxy
 * appends the address it got the request from, so every entry to the right of the client's was written by a proxy
 * we trust, and everything to its left, the client may have made up (Spring's and Reactor Netty's own strategies take
 * the left-most entry, which a client picks freely behind a proxy that appends, as nginx's
 * {@code $proxy_add_x_forwarded_for} and AWS load balancers do). A connection from anywhere else keeps its own
 * address, whatever headers it sends.
 */
final class TrustedProxies implements BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<Range> ranges;

    /** @param entries addresses ({@code 10.0.0.5}) and ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    TrustedProxies(List<String> entries) {
        ranges = entries.stream().map(Range::parse).toList();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public ConnectionInfo apply(ConnectionInfo connection, HttpRequest request) {
        InetSocketAddress peer = connection.getRemoteAddress();
        if (peer == null || !trusts(peer.getAddress())) {
            return connection;
        }
        InetAddress client = client(request.headers().getAll(FORWARDED_FOR));
        if (client == null) {
            return connection;
        }
        ConnectionInfo forwarded = connection.withRemoteAddress(new InetSocketAddress(client, 0));
        String scheme = lastValue(request.headers().getAll(FORWARDED_PROTO));
        return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)
                ? forwarded.withScheme(scheme.toLowerCase(java.util.Locale.ROOT))
                : forwarded;
    }

    /**
     * The right-most address that is not a trusted proxy; the left-most when all are. Null when there is none, or
     * when an entry on the way is not an address: what lies left of it cannot be told apart from what a client wrote.
     */
    InetAddress client(List<String> headerValues) {
        List<String> entries = new ArrayList<>();
        for (String value : headerValues) {
            for (String entry : value.split(",")) {
                entries.add(entry.strip());
            }
        }
        InetAddress leftMost = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            InetAddress address = literal(entries.get(i));
            if (address == null) {
                return null;
            }
            if (!trusts(address)) {
                return address;
            }
            leftMost = address;
        }
        return leftMost;
    }

    private boolean trusts(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, never a name: resolving one would block the event loop and trust DNS. */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException impossible) {
            return null;
        }
    }

    private static String lastValue(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return null;
        }
        String last = headerValues.get(headerValues.size() - 1);
        return last.substring(last.lastIndexOf(',') + 1).strip();
    }

    /** An address and how many of its leading bits a member shares. */
    private record Range(byte[] network, int prefixBits) {

        static Range parse(String entry) {
            String[] parts = entry.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException(
                        "postflux.server.trusted-proxies: '" + entry + "' is not an IP address or range (a.b.c.d/n)");
            }
            byte[] network = address.getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("postflux.server.trusted-proxies: '" + entry + "' has a bad prefix");
            }
            return new Range(network, bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}

package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientKeysTests {

    @Test
    void keysAnIpv4ClientByItsAddress() throws UnknownHostException {
        assertThat(keyOf(InetAddress.getByName("192.0.2.7"))).isEqualTo("address:192.0.2.7");
        assertThat(keyOf(InetAddress.getByName("192.0.2.8"))).isEqualTo("address:192.0.2.8");
    }

    /** One host holds a whole /64: a new address within it is the same client, another /64 another client. */
    @Test
    void keysAnIpv6ClientByItsSixtyFourBitNetwork() throws UnknownHostException {
        String key = keyOf(InetAddress.getByName("2001:db8:0:12:a1b2:c3d4:e5f6:1"));

        assertThat(key).isEqualTo("address:2001:db8:0:12::/64");
        assertThat(keyOf(InetAddress.getByName("2001:db8:0:12:ffff:ffff:ffff:fffe")))
                .isEqualTo(key);
        assertThat(keyOf(InetAddress.getByName("2001:db8:0:13::1"))).isNotEqualTo(key);
        assertThat(keyOf(InetAddress.getByName("::1"))).isEqualTo("address:0:0:0:0::/64");
    }

    @Test
    void keysAnIpv4AddressWrittenAsIpv6AsTheIpv4Address() throws UnknownHostException {
        // InetAddress turns ::ffff:a.b.c.d into an Inet4Address itself; a socket may still hand over the IPv6 form.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7};

        assertThat(keyOf(Inet6Address.getByAddress(null, mapped, null))).isEqualTo("address:192.0.2.7");
    }

    private static String keyOf(InetAddress address) {
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/users").remoteAddress(new InetSocketAddress(address, 40_000)));
        return ClientKeys.of(exchange).block();
    }
}

package dev.postflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTests {

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void takesTheRightMostAddressNoTrustedProxyWrote() throws Exception {
        assertThat(proxies.client(List.of("203.0.113.9"))).isEqualTo(address("203.0.113.9"));
        assertThat(proxies.client(List.of("6.6.6.6, 203.0.113.9, 10.1.2.3"))).isEqualTo(address("203.0.113.9"));
        assertThat(proxies.client(List.of("6.6.6.6", "203.0.113.9,10.1.2.3", "192.168.1.7")))
                .isEqualTo(address("203.0.113.9"));
        assertThat(proxies.client(List.of("2001:db8::1, fd12::5"))).isEqualTo(address("2001:db8::1"));
        assertThat(proxies.client(List.of("[2001:db8::2]"))).isEqualTo(address("2001:db8::2"));
    }

    @Test
    void takesTheLeftMostWhenEveryAddressIsATrustedProxy() throws Exception {
        assertThat(proxies.client(List.of("10.0.0.1, 10.0.0.2"))).isEqualTo(address("10.0.0.1"));
    }

    @Test
    void trustsNothingLeftOfAnEntryThatIsNotAnAddress() throws Exception {
        assertThat(proxies.client(List.of("203.0.113.9, unknown, 10.0.0.1"))).isNull();
        // A name is never resolved: that would block, and trust DNS.
        assertThat(proxies.client(List.of("localhost"))).isNull();
        assertThat(proxies.client(List.of())).isNull();
        assertThat(proxies.client(List.of("6.6.6.6, 203.0.113.9"))).isEqualTo(address("203.0.113.9"));
    }

    @Test
    void matchesRangesBitByBit() throws Exception {
        var narrow = new TrustedProxies(List.of("172.16.0.0/12"));
        assertThat(narrow.client(List.of("8.8.8.8, 172.31.255.255"))).isEqualTo(address("8.8.8.8"));
        assertThat(narrow.client(List.of("8.8.8.8, 172.32.0.0"))).isEqualTo(address("172.32.0.0"));
        assertThat(narrow.client(List.of("8.8.8.8, 172.15.255.255"))).isEqualTo(address("172.15.255.255"));
    }

    @Test
    void refusesEntriesThatAreNotAddressesOrRanges() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}

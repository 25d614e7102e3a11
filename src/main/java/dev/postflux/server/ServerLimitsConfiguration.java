package dev.postflux.server;

import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.NettyPipeline;

/** Applies {@link ServerLimitsProperties} to Reactor Netty's HTTP server. */
@Configuration(proxyBeanMethods = false)
class ServerLimitsConfiguration {

    @Bean
    ConnectionCap connectionCap(ServerLimitsProperties limits) {
        return new ConnectionCap(limits.maxConnections(), limits.retryAfter());
    }

    /**
     * Behind proxies we trust, the client's address is the one they forwarded (TrustedProxies). Spring's own
     * forward-headers strategies take the left-most forwarded address, which a client can make up: refused alongside.
     */
    @Bean
    NettyServerCustomizer clientAddressBehindProxies(ServerLimitsProperties limits, Environment environment) {
        var proxies = new TrustedProxies(limits.trustedProxies());
        String strategy = environment.getProperty("server.forward-headers-strategy", "none");
        if (!proxies.isEmpty() && !strategy.equalsIgnoreCase("none")) {
            throw new IllegalStateException("postflux.server.trusted-proxies replaces server.forward-headers-strategy,"
                    + " which takes the left-most forwarded address, one a client can make up: unset the strategy");
        }
        return server -> proxies.isEmpty() ? server : server.forwarded(proxies);
    }

    @Bean
    NettyServerCustomizer serverLimits(ServerLimitsProperties limits, ConnectionCap connectionCap) {
        return server -> server.option(ChannelOption.RCVBUF_ALLOCATOR, acceptManyPerWakeup())
                .readTimeout(limits.bodyReadTimeout())
                .requestTimeout(limits.bodyTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    // First in the pipeline: a refused connection never reaches the HTTP codec.
                    channel.pipeline().addFirst("postflux.connectionCap", connectionCap);
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        var deadline = new RequestHeadDeadline(limits.requestHeadTimeout());
                        channel.pipeline()
                                .addBefore(
                                        NettyPipeline.HttpCodec, "postflux.requestHeadStarted", deadline.beforeCodec())
                                .addAfter(NettyPipeline.HttpCodec, "postflux.requestHeadDecoded", deadline.afterCodec())
                                .addAfter(
                                        "postflux.requestHeadDecoded",
                                        "postflux.malformedRequestTarget",
                                        new MalformedRequestTarget())
                                .addBefore(
                                        NettyPipeline.HttpCodec,
                                        "postflux.writeStall",
                                        new WriteStallTimeout(limits.writeStallTimeout()));
                    }
                });
    }

    /**
     * Netty's epoll transport accepts one connection per event-loop pass: its server allocator stops when the
     * accepted descriptor differs from the one "byte" it attempted to read, which it always does. On a loop busy
     * with requests a pass takes hundreds of milliseconds, so a burst of connects (a load tester opening its 256
     * connections, clients reconnecting after a restart, a health probe during overload) waited seconds in the
     * kernel's accept queue. This accepts until the queue is empty, at most {@value #ACCEPTS_PER_PASS} at a time.
     */
    private static RecvByteBufAllocator acceptManyPerWakeup() {
        var allocator = new ServerChannelRecvByteBufAllocator();
        allocator.maxMessagesPerRead(ACCEPTS_PER_PASS);
        allocator.respectMaybeMoreData(false);
        return allocator;
    }

    private static final int ACCEPTS_PER_PASS = 64;
}

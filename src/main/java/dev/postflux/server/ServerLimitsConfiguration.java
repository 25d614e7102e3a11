package dev.postflux.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Applies {@link ServerLimitsProperties} to Reactor Netty's HTTP server. */
@Configuration(proxyBeanMethods = false)
class ServerLimitsConfiguration {

    @Bean
    ConnectionCap connectionCap(ServerLimitsProperties limits) {
        return new ConnectionCap(limits.maxConnections(), limits.retryAfter());
    }

    @Bean
    NettyServerCustomizer serverLimits(ServerLimitsProperties limits, ConnectionCap connectionCap) {
        return server -> server.readTimeout(limits.bodyReadTimeout())
                .requestTimeout(limits.bodyTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    // First in the pipeline: a refused connection never reaches the HTTP codec.
                    channel.pipeline().addFirst("postflux.connectionCap", connectionCap);
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        var deadline = new RequestHeadDeadline(limits.requestHeadTimeout());
                        channel.pipeline()
                                .addBefore(
                                        NettyPipeline.HttpCodec, "postflux.requestHeadStarted", deadline.beforeCodec())
                                .addAfter(
                                        NettyPipeline.HttpCodec, "postflux.requestHeadDecoded", deadline.afterCodec());
                    }
                });
    }
}

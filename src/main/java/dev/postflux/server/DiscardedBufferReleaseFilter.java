package dev.postflux.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Releases Netty buffers that Reactor operators drop when a request is cancelled. r2dbc-postgresql encodes bind
 * parameters into pooled buffers inside the statement's own operator chain; when the client disconnects between
 * encoding and sending, those buffers are discarded by the cancelled operators and never released (a known
 * driver leak under cancellation, see docs/reliability.md). The discard hook travels up the subscription, into
 * the driver's chain, through the Reactor context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class DiscardedBufferReleaseFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease);
    }
}

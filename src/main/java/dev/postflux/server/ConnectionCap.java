package dev.postflux.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open client connections across all event loops. A connection past the cap gets a minimal 503 with
 * {@code Retry-After} written straight to the socket and is closed, before any HTTP decoding: cheap enough to
 * keep working when the process is flooded, and explicit enough that a client knows to back off.
 */
@ChannelHandler.Sharable
public final class ConnectionCap extends ChannelInboundHandlerAdapter {

    private final int maxConnections;
    private final byte[] refusal;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionCap(int maxConnections, Duration retryAfter) {
        this.maxConnections = maxConnections;
        this.refusal = ("HTTP/1.1 503 Service Unavailable\r\n"
                        + "Retry-After: " + Math.max(1, retryAfter.toSeconds()) + "\r\n"
                        + "Content-Length: 0\r\n"
                        + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public int openConnections() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().closeFuture().addListener(closed -> open.decrementAndGet());
        if (open.incrementAndGet() > maxConnections) {
            // Nothing this client sends is read: the HTTP codec behind never sees a request.
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }
}

package dev.postflux.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose client stopped reading (slow read): response bytes are waiting to be sent and none has
 * left for {@code timeout}. Without it such a client would hold its stream's slot, and the buffers of what the
 * server had already produced, for as long as it liked. Netty's idle handler, observing output, counts any progress
 * of the outbound buffer as activity, so a long stream whose client keeps reading keeps its connection, and an idle
 * keep-alive connection, with nothing pending, is left to the keep-alive timeout.
 *
 * <p>Progress is the socket taking more bytes, which the kernel allows once the client has drained a good part of
 * the send buffer (autotuned, up to 4 MB on Linux): with the 60 s default a client reading less than about a
 * megabyte a minute counts as stalled. That is nginx's {@code send_timeout} rule too: time between two writes.
 */
final class WriteStallTimeout extends IdleStateHandler {

    WriteStallTimeout(Duration timeout) {
        super(true, 0, timeout.toMillis(), 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.WRITER_IDLE && hasPendingOutput(ctx.channel())) {
            ctx.close();
        }
    }

    private static boolean hasPendingOutput(Channel channel) {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        return pending != null && pending.totalPendingWriteBytes() > 0;
    }
}

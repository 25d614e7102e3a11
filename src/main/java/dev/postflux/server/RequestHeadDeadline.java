package dev.postflux.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose client started a request but has not completed its request line and headers within
 * the deadline. Netty's idle timeout cannot do this: a client that sends one header byte every few seconds
 * (slowloris) is never idle, and would hold its connection forever. A keep-alive connection with no request
 * started is left to the idle timeout ({@code server.netty.idle-timeout}), so that clients' pooled connections
 * are not closed under them between requests.
 *
 * <p>One instance per connection, in two places of the pipeline: before the HTTP codec it sees the first raw
 * bytes of a request (and arms the deadline); after it, the decoded request head (disarms) and the end of the
 * response (the next bytes start a new request).
 */
final class RequestHeadDeadline {

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    private boolean requestInProgress;

    RequestHeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    ChannelHandler beforeCodec() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (!requestInProgress && deadline == null) {
                    deadline = ctx.executor().schedule(() -> ctx.channel().close(), timeoutNanos, TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(message);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                disarm();
                super.channelInactive(ctx);
            }
        };
    }

    ChannelHandler afterCodec() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof HttpRequest) {
                    disarm();
                    requestInProgress = true;
                }
                ctx.fireChannelRead(message);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
                if (message instanceof LastHttpContent) {
                    requestInProgress = false;
                }
                ctx.write(message, promise);
            }
        };
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}

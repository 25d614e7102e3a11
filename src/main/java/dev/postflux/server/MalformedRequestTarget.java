package dev.postflux.server;

import dev.postflux.common.web.RequestIds;
import dev.postflux.security.SecurityHeaders;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose target is not a URI (a malformed percent-escape such as {@code ?limit=%zz}, a space or
 * a bracket in the path) with a problem document. Spring's Reactor Netty adapter parses the target before any
 * filter or handler runs and, when that fails, answers 400 with no body at all; this handler sits right behind
 * the HTTP codec and answers first, then closes the connection (whatever body follows is not read).
 */
final class MalformedRequestTarget extends ChannelInboundHandlerAdapter {

    private static final String DETAIL = "The request target is not a valid URI: percent signs must be followed by"
            + " two hexadecimal digits, and spaces, brackets and other characters not allowed in a URI must be"
            + " percent-encoded";

    private boolean rejected;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (rejected && message instanceof HttpContent) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request && !isUri(request.uri())) {
            rejected = true;
            ReferenceCountUtil.release(message);
            ctx.channel().config().setAutoRead(false);
            // As every answer of ours: a request id (the client's, when sane), in the body and as a header, and the
            // security headers; the request id is a hex or [A-Za-z0-9._:-] string, safe inside JSON as it is.
            String requestId = RequestIds.givenOrNew(request.headers().get(RequestIds.HEADER));
            byte[] problem = ("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + DETAIL + "\",\"requestId\":\""
                            + requestId + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
            var response = new DefaultFullHttpResponse(
                    request.protocolVersion(), HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(problem));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(RequestIds.HEADER, requestId);
            SecurityHeaders.forAnswersBelowSpring(response.headers()::set);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(message);
    }

    /**
     * Whether Spring can parse the target. Almost every target consists only of characters a URI allows, with
     * well-formed escapes, and is checked by one scan; the rest (brackets, non-ASCII letters, which
     * {@link URI} accepts in some places and not in others) are left to {@link URI} itself, as Spring would.
     */
    static boolean isUri(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isPlainUriCharacter(c)) {
                return parses(target);
            }
        }
        return true;
    }

    /** What Spring does with a target: {@link URI}. */
    static boolean parses(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    /** Letters, digits and the punctuation RFC 3986 allows anywhere in a path or query, brackets and '#' aside. */
    private static boolean isPlainUriCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

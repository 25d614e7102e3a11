package dev.postflux.common.error;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The body of a request refused before it was read (401, 403, 404, 413...). It is read and dropped, so that the
 * connection can carry the next request: Reactor Netty would otherwise wait for it, and a keep-alive client would
 * stall (KeepAliveIntegrationTests). Dropping it is also what lets a client that is still sending read the answer:
 * closing on it resets the connection, and most clients then report the reset instead of the answer. But a refused
 * request is not to make the server read 20 GB for nobody: at most {@value #DRAINED_PER_LIMIT} times the largest
 * body the server accepts is read. A body over that, announced or found while reading, is left unread and the
 * connection is closed after the answer.
 */
final class RefusedBodies {

    /** A body somewhat over the limit (a 413) is still read to its end, so that its client gets the answer. */
    static final int DRAINED_PER_LIMIT = 8;

    private final long limit;

    /** @param largestBody the largest body the server reads ({@code spring.http.codecs.max-in-memory-size}) */
    RefusedBodies(long largestBody) {
        this.limit = largestBody * DRAINED_PER_LIMIT;
    }

    /** Completes once the body is dropped or left; a body already read (or being read: 413) is left as it is. */
    Mono<Void> drain(ServerWebExchange exchange) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        long declared = request.getContentLength();
        if (declared <= 0 && !request.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return Mono.empty();
        }
        if (declared > limit) {
            closeAfterAnswer(exchange);
            return Mono.empty();
        }
        var read = new AtomicLong();
        return exchange.getRequest()
                .getBody()
                .doOnNext(buffer -> {
                    read.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                })
                .takeUntil(buffer -> read.get() > limit)
                .then(Mono.fromRunnable(() -> {
                    if (read.get() > limit) {
                        closeAfterAnswer(exchange);
                    }
                }))
                .onErrorResume(alreadyRead -> Mono.empty())
                .then();
    }

    /** The rest of the body is never read; Reactor Netty closes a connection whose answer says so. */
    private static void closeAfterAnswer(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
    }
}

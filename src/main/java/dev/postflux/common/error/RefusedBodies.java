package dev.postflux.common.error;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The body of a request refused before it was read (401, 403, 404...). It is read and dropped, so that the
 * connection can carry the next request: Reactor Netty would otherwise wait for it, and a keep-alive client would
 * stall (KeepAliveIntegrationTests). But never more of it than the largest body the server accepts: a refused
 * request is not to make the server read 20 GB for nobody. A body over that limit, announced or found while
 * reading, is left unread and the connection is closed after the answer.
 */
final class RefusedBodies {

    private final long limit;

    /** @param limit the largest body the server reads ({@code spring.codec.max-in-memory-size}) */
    RefusedBodies(long limit) {
        this.limit = limit;
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

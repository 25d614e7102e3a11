package dev.postflux.stream;

import dev.postflux.common.web.ClientConnection;
import dev.postflux.common.web.ClientKeys;
import dev.postflux.common.web.Keyed;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a streamed list. SSE: one event per row ({@code id} = the row's cursor, {@code event} = its type,
 * {@code data} = the same JSON as the array form), then a final {@code end} event so that an EventSource knows
 * not to reconnect. NDJSON: one JSON object per line.
 *
 * <p>What a client that stops reading costs is bounded in bytes, whatever the row size: Reactor Netty asks for 128
 * writes ahead of the socket ({@code reactor.netty.send.maxPrefetchSize}) and asks for more only as writes reach
 * it, and each write is at most 16 KiB ({@link StreamWrites}), so at most 2 MiB of writes; the rows read from the
 * database are bounded by {@link KeysetStreams}, which sizes its pages by the encoded row size measured here
 * ({@link RowSizes}).
 */
@Component
public class StreamResponses {

    static final String END = "end";
    static final String SHUTDOWN = "shutdown";

    private static final Map<String, String> SHUTDOWN_NOTICE = Map.of(
            "detail", "The server is shutting down; reconnect with Last-Event-ID to continue after the last event");

    private final StreamLimiter limiter;
    private final StreamEncoder encoder;

    StreamResponses(StreamLimiter limiter, StreamEncoder encoder) {
        this.limiter = limiter;
        this.encoder = encoder;
    }

    public <T extends Keyed> Mono<ServerResponse> write(
            ServerRequest request, ListFormat format, String eventType, Flux<T> rows, Function<T, Object> shape) {
        DataBufferFactory buffers = request.exchange().getResponse().bufferFactory();
        return ClientKeys.of(request.exchange()).flatMap(client -> {
            Flux<DataBuffer> body = Flux.defer(() -> encoded(client, format, eventType, rows, shape)
                            .takeUntilOther(ClientConnection.closed(request.exchange())))
                    // One piece at a time: Reactor Netty's demand then counts pieces of at most 16 KiB, not rows.
                    .concatMapIterable(StreamWrites::pieces, 1)
                    .map(buffers::wrap)
                    .concatWith(Mono.defer(() -> ending(format, buffers)));
            return ServerResponse.ok()
                    .contentType(format.mediaType())
                    .cacheControl(CacheControl.noStore())
                    .body(BodyInserters.fromDataBuffers(body));
        });
    }

    /**
     * How a stream ends. Complete: SSE says {@code end}, so that an EventSource does not reconnect. Cut short by
     * shutdown: SSE says {@code shutdown} and the EventSource reconnects (to another instance) with the last
     * event id, losing nothing; NDJSON has no way to say so in-band, so its response is aborted without the
     * final chunk, which every HTTP client reports as an incomplete body (resume with {@code after}).
     */
    private Mono<DataBuffer> ending(ListFormat format, DataBufferFactory buffers) {
        if (!limiter.shuttingDown()) {
            return format == ListFormat.SERVER_SENT_EVENTS
                    ? Mono.just(buffers.wrap(encoder.event(null, END, Map.of())))
                    : Mono.empty();
        }
        return format == ListFormat.SERVER_SENT_EVENTS
                ? Mono.just(buffers.wrap(encoder.event(null, SHUTDOWN, SHUTDOWN_NOTICE)))
                : Mono.error(new StreamInterruptedException());
    }

    /**
     * The rows as writes of a few rows each (see {@link StreamWrites}), measured as they are encoded so that
     * {@link KeysetStreams} can size the pages it reads by bytes, not only rows.
     */
    private <T extends Keyed> Flux<byte[]> encoded(
            String client, ListFormat format, String eventType, Flux<T> rows, Function<T, Object> shape) {
        var sizes = new RowSizes();
        var writes = new StreamWrites<T>((out, row) -> encode(out, format, eventType, row, shape), sizes);
        return limiter.limit(client, rows)
                .<byte[]>handle(writes::add)
                .concatWith(Mono.fromSupplier(writes::rest))
                .contextWrite(sizes::addTo);
    }

    private <T extends Keyed> void encode(
            ByteArrayOutputStream out, ListFormat format, String eventType, T row, Function<T, Object> shape) {
        if (format == ListFormat.SERVER_SENT_EVENTS) {
            encoder.event(out, row.cursor().encode(), eventType, shape.apply(row));
        } else {
            encoder.line(out, shape.apply(row));
        }
    }
}

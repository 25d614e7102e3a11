package dev.postflux.stream;

import dev.postflux.common.web.ClientKeys;
import dev.postflux.common.web.Keyed;
import java.io.ByteArrayOutputStream;
import java.util.List;
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
 */
@Component
public class StreamResponses {

    static final String END = "end";
    static final String SHUTDOWN = "shutdown";

    /**
     * Rows per write. Reactor Netty asks for up to 256 writes ahead, so this bounds what a stalled client costs:
     * about 256 x 32 rows, whatever the table size.
     */
    static final int ROWS_PER_WRITE = 32;

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
            Flux<DataBuffer> body = limiter.limit(client, rows)
                    .buffer(ROWS_PER_WRITE)
                    .map(group -> buffers.wrap(encode(format, eventType, group, shape)))
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

    private <T extends Keyed> byte[] encode(
            ListFormat format, String eventType, List<T> group, Function<T, Object> shape) {
        var out = new ByteArrayOutputStream(512 * group.size());
        for (T row : group) {
            if (format == ListFormat.SERVER_SENT_EVENTS) {
                encoder.event(out, row.cursor().encode(), eventType, shape.apply(row));
            } else {
                encoder.line(out, shape.apply(row));
            }
        }
        return out.toByteArray();
    }
}

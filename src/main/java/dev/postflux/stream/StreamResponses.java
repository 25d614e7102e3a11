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

    /**
     * Rows per write. Reactor Netty asks for up to 256 writes ahead, so this bounds what a stalled client costs:
     * about 256 x 32 rows, whatever the table size.
     */
    static final int ROWS_PER_WRITE = 32;

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
                    .map(group -> buffers.wrap(encode(format, eventType, group, shape)));
            if (format == ListFormat.SERVER_SENT_EVENTS) {
                body = body.concatWith(Mono.fromSupplier(() -> buffers.wrap(encoder.event(null, END, Map.of()))));
            }
            return ServerResponse.ok()
                    .contentType(format.mediaType())
                    .cacheControl(CacheControl.noStore())
                    .body(BodyInserters.fromDataBuffers(body));
        });
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

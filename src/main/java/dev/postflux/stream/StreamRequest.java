package dev.postflux.stream;

import dev.postflux.common.error.Problems;
import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.QueryParameters;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Where a streamed list starts and how much of it to send. A reconnecting SSE client sends the id of the last
 * event it received as {@code Last-Event-ID}; {@code after} says the same for any client. Without {@code limit}
 * a stream sends every matching row.
 */
public record StreamRequest(Cursor after, long limit) {

    public static final String LAST_EVENT_ID = "Last-Event-ID";

    public static StreamRequest from(ServerRequest request, QueryParameters query) {
        String lastEventId = request.headers().firstHeader(LAST_EVENT_ID);
        Cursor after = query.cursor("after").orElse(null);
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Cursor.decode(lastEventId.strip());
            } catch (IllegalArgumentException e) {
                throw Problems.invalid(LAST_EVENT_ID, e.getMessage());
            }
        }
        long limit = query.integer("limit", 1, Integer.MAX_VALUE)
                .map(Integer::longValue)
                .orElse(Long.MAX_VALUE);
        return new StreamRequest(after, limit);
    }
}

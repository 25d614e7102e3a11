package dev.postflux.stream;

import dev.postflux.common.web.Negotiation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;

/** How a list is answered, by content negotiation: a JSON page, or the whole list as SSE or NDJSON. */
public enum ListFormat {
    JSON_PAGE(MediaType.APPLICATION_JSON),
    SERVER_SENT_EVENTS(MediaType.TEXT_EVENT_STREAM),
    NDJSON(MediaType.APPLICATION_NDJSON);

    private static final List<MediaType> PRODUCIBLE =
            List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON);

    private final MediaType mediaType;

    ListFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public static ListFormat of(ServerRequest request) {
        MediaType chosen = Negotiation.choose(request, PRODUCIBLE);
        for (ListFormat format : values()) {
            if (format.mediaType.equals(chosen)) {
                return format;
            }
        }
        throw new IllegalStateException("negotiated an unknown list format " + chosen);
    }

    public boolean isStream() {
        return this != JSON_PAGE;
    }

    public MediaType mediaType() {
        return mediaType;
    }
}

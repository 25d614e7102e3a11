package dev.postflux.common.web;

import dev.postflux.common.error.Problems;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.NotAcceptableStatusException;

/**
 * Content negotiation for functional routes, which do not do it themselves: picks the representation the client's
 * {@code Accept} prefers among those a route produces, or answers 406.
 */
public final class Negotiation {

    /** What is answered as a stream, row by row, rather than as one document: lists as SSE or NDJSON, /events. */
    private static final List<MediaType> STREAMED = List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON);

    private Negotiation() {}

    public static boolean isStreamed(MediaType type) {
        return STREAMED.stream().anyMatch(type::isCompatibleWith);
    }

    /** Routes that only speak JSON. */
    public static MediaType json(ServerRequest request) {
        return choose(request, List.of(MediaType.APPLICATION_JSON));
    }

    /** @param producible in the server's order of preference, used when the client has none */
    public static MediaType choose(ServerRequest request, List<MediaType> producible) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException malformed) {
            throw Problems.badRequest("The Accept header is not a valid list of media types");
        }
        if (accepted.isEmpty()) {
            return producible.get(0);
        }
        return accepted.stream()
                .filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue)
                        .reversed()
                        .thenComparing(type -> type.isWildcardType() || type.isWildcardSubtype()))
                .flatMap(type -> producible.stream().filter(type::includes))
                .findFirst()
                .orElseThrow(() -> new NotAcceptableStatusException(producible));
    }
}

package dev.postflux.common.web;

import dev.postflux.common.error.Problems;
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

    /**
     * The producible type the client weighs highest (RFC 9110 section 12.5.1): each type takes the weight of the most
     * specific range that matches it, so {@code application/json;q=0, *&#47;*} refuses JSON and accepts the rest,
     * and {@code application/*;q=0.9, application/json;q=0.1} prefers any other application type to JSON. Equal
     * weights go to the server's order.
     *
     * @param producible in the server's order of preference, used when the client has none
     */
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
        MediaType chosen = null;
        double chosenWeight = 0;
        for (MediaType candidate : producible) {
            double weight = weightOf(candidate, accepted);
            if (weight > chosenWeight) {
                chosen = candidate;
                chosenWeight = weight;
            }
        }
        if (chosen == null) {
            throw new NotAcceptableStatusException(producible);
        }
        return chosen;
    }

    /** The weight of the most specific accepted range that includes {@code candidate}; 0 when none does. */
    private static double weightOf(MediaType candidate, List<MediaType> accepted) {
        int mostSpecific = -1;
        double weight = 0;
        for (MediaType range : accepted) {
            if (!range.includes(candidate)) {
                continue;
            }
            int specificity = specificity(range);
            if (specificity > mostSpecific) {
                mostSpecific = specificity;
                weight = range.getQualityValue();
            }
        }
        return weight;
    }

    /** {@code *&#47;*} less than {@code type/*} less than {@code type/subtype}, less than with parameters besides q. */
    private static int specificity(MediaType range) {
        if (range.isWildcardType()) {
            return 0;
        }
        if (range.isWildcardSubtype()) {
            return 1;
        }
        int parameters = range.getParameters().size() - (range.getParameters().containsKey("q") ? 1 : 0);
        return 2 + parameters;
    }
}

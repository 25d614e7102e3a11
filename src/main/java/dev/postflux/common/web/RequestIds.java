package dev.postflux.common.web;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is sane, otherwise a fresh one. It is echoed
 * in the response, logged, and quoted in error bodies so that a report can be matched to a log line.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    /** The id of this exchange, assigning one if the filter has not run (e.g. a very early failure). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = fromHeaderOrNew(exchange.getRequest());
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }

    static String fromHeaderOrNew(ServerHttpRequest request) {
        return givenOrNew(request.getHeaders().getFirst(HEADER));
    }

    /** The client's own id when it is a sane one, else a new one: for answers given before an exchange exists. */
    public static String givenOrNew(String given) {
        if (given != null && ACCEPTABLE.matcher(given).matches()) {
            return given;
        }
        // Not UUID.randomUUID(): SecureRandom may block, and uniqueness within our logs is all we need.
        var random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}

package dev.postflux.server;

import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The client-side time budget of a plain request. PostgreSQL's statement_timeout cannot help when the database
 * is frozen or the network drops packets: the query would wait on the socket forever. Past the deadline the
 * request is cancelled (which cancels its query and returns its connection) and answered 503 with Retry-After.
 *
 * <p>Streams (SSE, NDJSON) are exempt: they last as long as the list, and bound each page query instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestDeadlineFilter implements WebFilter {

    private static final List<MediaType> STREAMED = List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON);

    private final ServerLimitsProperties limits;

    RequestDeadlineFilter(ServerLimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (streamed(exchange)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .timeout(
                        limits.requestTimeout(),
                        Mono.error(() -> new TimeoutException("Request exceeded " + limits.requestTimeout())));
    }

    private static boolean streamed(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(accepted ->
                        STREAMED.stream().anyMatch(accepted::isCompatibleWith) && !accepted.isWildcardType());
    }
}

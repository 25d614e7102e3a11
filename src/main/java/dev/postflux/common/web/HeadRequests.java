package dev.postflux.common.web;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves {@code HEAD} wherever {@code GET} is served, as HTTP requires of every server (RFC 9110, 9.1) and as
 * Express does for the stack we port. Functional routes match {@code HEAD} with no {@code GET} route (only
 * annotated controllers map one to the other), so a {@code HEAD} is routed as the {@code GET} it asks about.
 *
 * <p>No body is sent: Spring's Reactor Netty adapter drops it for every {@code HEAD}, keeping the
 * {@code Content-Length} of a single-value body, and drains a multi-value one so that the status is the one
 * {@code GET} would have had. A stream (SSE, NDJSON) is not started at all: draining it would read a whole table,
 * or never end for {@code /events}, and a stream's {@code GET} commits its 200 before any row anyway.
 *
 * <p>Last of the filters: security, the rate limit and the access line still see the request's own method.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class HeadRequests implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.method(HttpMethod.GET))
                .response(new StreamsNotStarted(exchange.getResponse()))
                .build());
    }

    private static final class StreamsNotStarted extends ServerHttpResponseDecorator {

        StreamsNotStarted(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            MediaType type = getHeaders().getContentType();
            return type != null && Negotiation.isStreamed(type) ? setComplete() : super.writeWith(body);
        }
    }
}

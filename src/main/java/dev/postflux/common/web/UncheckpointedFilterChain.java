package dev.postflux.common.web;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs a list of web filters in order and then {@code next}, like Spring's {@code DefaultWebFilterChain} (each
 * filter invoked on subscription, so that one that throws fails the request's Mono instead of the caller) but
 * without the Reactor checkpoint that it wraps around every filter's Mono. See {@link FilterChainsWithoutCheckpoints}
 * for why.
 */
final class UncheckpointedFilterChain implements WebFilterChain {

    private final List<WebFilter> filters;
    private final int index;
    private final WebFilterChain next;

    private UncheckpointedFilterChain(List<WebFilter> filters, int index, WebFilterChain next) {
        this.filters = filters;
        this.index = index;
        this.next = next;
    }

    /**
     * A chain through {@code filters}, in their order, ending in {@code next}. The list is not copied (Spring
     * Security hands over a new one for every request): it must not change afterwards.
     */
    static WebFilterChain of(List<WebFilter> filters, WebFilterChain next) {
        return filters.isEmpty() ? next : new UncheckpointedFilterChain(filters, 0, next);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange) {
        return Mono.defer(() -> filters.get(index).filter(exchange, rest()));
    }

    private WebFilterChain rest() {
        int following = index + 1;
        return following == filters.size() ? next : new UncheckpointedFilterChain(filters, following, next);
    }
}

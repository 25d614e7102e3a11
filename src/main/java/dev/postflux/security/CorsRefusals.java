package dev.postflux.security;

import dev.postflux.common.error.Problems;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring's CORS filter, except that a refused origin is answered with a problem document like every other 403:
 * Spring's own filter ends the exchange with an empty 403. A browser will not show the refusal to the page (no
 * {@code Access-Control-Allow-Origin}), but the developer reading it in the network tab, and any other client, is
 * told why.
 */
final class CorsRefusals implements WebFilter {

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsRefusals(CorsConfigurationSource source) {
        this.source = source;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        if (!processor.process(source.getCorsConfiguration(exchange), exchange)) {
            String refused = "The origin " + request.getHeaders().getOrigin() + " may not call this API";
            return Mono.error(Problems.forbidden(
                    preflight
                            ? refused + " (or not with this method and these headers: "
                                    + request.getHeaders().getAccessControlRequestMethod() + ", "
                                    + request.getHeaders().getAccessControlRequestHeaders() + ")"
                            : refused));
        }
        return preflight ? Mono.empty() : chain.filter(exchange);
    }
}

package dev.postflux.common.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What functional routes lack: for a request no route matched, the methods that would have matched its path. It
 * lets the error handler answer 405 with {@code Allow} instead of 404, and {@code OPTIONS} with 204.
 */
@Component
public class RouteMethods {

    private static final List<HttpMethod> METHODS =
            List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final ObjectProvider<RouterFunction<?>> routes;
    private final ServerCodecConfigurer codecs;

    RouteMethods(ObjectProvider<RouterFunction<?>> routes, ServerCodecConfigurer codecs) {
        this.routes = routes;
        this.codecs = codecs;
    }

    public Mono<Set<HttpMethod>> allowed(ServerWebExchange exchange) {
        var request = ServerRequest.create(exchange, codecs.getReaders());
        return Flux.fromIterable(METHODS)
                .filterWhen(method -> Flux.fromStream(routes.orderedStream())
                        .concatMap(route -> route.route(
                                ServerRequest.from(request).method(method).build()))
                        .hasElements())
                // HeadRequests serves HEAD wherever GET is served.
                .concatMapIterable(
                        method -> method.equals(HttpMethod.GET) ? List.of(method, HttpMethod.HEAD) : List.of(method))
                .collect(LinkedHashSet<HttpMethod>::new, Set::add)
                // OPTIONS is answered on every path a route serves (RFC 9110 section 10.2.1: Allow lists them all).
                .map(allowed -> {
                    if (!allowed.isEmpty()) {
                        allowed.add(HttpMethod.OPTIONS);
                    }
                    return allowed;
                });
    }
}

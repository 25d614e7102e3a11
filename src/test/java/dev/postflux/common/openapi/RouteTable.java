package dev.postflux.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The routes the server really has, as {@code "GET /users/{id}"}: read from the {@link RouterFunction} beans with
 * Spring's visitors, not from any list kept by hand. A route shape the visitor cannot read fails loudly, so that
 * nothing escapes the comparison with the description.
 */
final class RouteTable {

    private RouteTable() {}

    static Set<String> of(List<RouterFunction<?>> functions) {
        Set<String> routes = new TreeSet<>();
        functions.forEach(function -> function.accept(new RouteCollector(routes)));
        return routes;
    }

    private record RouteCollector(Set<String> routes) implements RouterFunctions.Visitor {

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            var route = new MethodAndPath();
            predicate.accept(route);
            if (route.methods.isEmpty() || route.paths.size() != 1) {
                throw new IllegalStateException("Cannot read the route " + predicate);
            }
            route.methods.forEach(method -> routes.add(method.name() + " " + route.paths.get(0)));
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            throw new IllegalStateException("Nested routes are not flat route tables: " + predicate);
        }

        @Override
        public void endNested(RequestPredicate predicate) {}

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            throw new IllegalStateException("Resource routes are not described: " + lookupFunction);
        }

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            throw new IllegalStateException("Cannot read the router function " + routerFunction);
        }
    }

    private static final class MethodAndPath implements RequestPredicates.Visitor {

        private final Set<HttpMethod> methods = new LinkedHashSet<>();
        private final List<String> paths = new ArrayList<>();

        @Override
        public void method(Set<HttpMethod> methods) {
            this.methods.addAll(methods);
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {
            throw new IllegalStateException("path extension predicate " + extension);
        }

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void version(String version) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {
            throw new IllegalStateException("or predicates are not flat routes");
        }

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {
            throw new IllegalStateException("Cannot read the predicate " + predicate);
        }
    }
}

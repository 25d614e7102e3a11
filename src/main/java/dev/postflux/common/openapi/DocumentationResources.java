package dev.postflux.common.openapi;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Swagger UI's files are read from its webjar with blocking I/O (WebFlux's resource handling opens the jar
 * entry on the calling thread; BlockHound caught it). Those requests, and those for the OpenAPI description (built
 * by its first request, which scans the classpath: {@code springdoc.pre-loading-enabled} is off for a faster start),
 * are handled on the bounded elastic scheduler, so that an event loop never waits for the disk.
 */
@Component
class DocumentationResources implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/swagger-ui/") || path.startsWith("/webjars/") || path.startsWith("/v3/api-docs")) {
            return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
        }
        return chain.filter(exchange);
    }
}

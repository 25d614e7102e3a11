package dev.postflux.common.web;

import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs the server's web filters, and Spring Security's, without a Reactor checkpoint around each one.
 *
 * <p>Spring's {@code DefaultWebFilterChain} wraps every filter's Mono in {@code checkpoint(filter.toString())}: an
 * operator that stays in the request's subscriber chain for the whole request, so every signal passes one more
 * subscriber and every context look-up walks one more link, plus the filter's default {@code toString} (class name
 * and identity hash in hex) formatted on every request. A request here passes about fifteen filters (five of ours
 * and Spring Security's proxy, then Spring Security's own). Without those checkpoints {@code GET /users/{id}} took
 * 5-10% less of the server's CPU per request (docs/benchmarks.md, "Changes"). What is given up is a debugging aid:
 * an unexpected error's stack trace no longer lists the filters it passed; the handler's and the SQL statement's
 * checkpoints (Spring's DispatcherHandler and DatabaseClient) are still there, and every error is logged with its
 * request id.
 */
@Configuration(proxyBeanMethods = false)
class FilterChainsWithoutCheckpoints {

    /** The application's filters, in the order Spring sorted them, become one filter that runs them in turn. */
    @Bean
    WebHttpHandlerBuilderCustomizer filtersAsOneSequence() {
        return builder -> builder.filters(filters -> {
            if (filters.size() > 1) {
                var sequence = new FilterSequence(List.copyOf(filters));
                filters.clear();
                filters.add(sequence);
            }
        });
    }

    /**
     * Spring Security builds a chain of its filters for every request through its decorator, by default a
     * {@code DefaultWebFilterChain}. The observing decorator it would use instead is off here
     * ({@code SecurityConfiguration.securityObservationSettings}), so nothing else is replaced.
     */
    @Bean
    static BeanPostProcessor securityFiltersWithoutCheckpoints() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setFilterChainDecorator(
                            (original, filters) -> UncheckpointedFilterChain.of(filters, original));
                }
                return bean;
            }
        };
    }

    /** The one filter left in Spring's chain; its description is a constant, since Spring asks for it every time. */
    static final class FilterSequence implements WebFilter {

        private final List<WebFilter> filters;

        FilterSequence(List<WebFilter> filters) {
            this.filters = filters;
        }

        List<WebFilter> filters() {
            return filters;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return UncheckpointedFilterChain.of(filters, chain).filter(exchange);
        }

        @Override
        public String toString() {
            return "PostFlux web filters";
        }
    }
}

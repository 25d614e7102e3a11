package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.server.handler.FilteringWebHandler;
import org.springframework.web.server.handler.WebHandlerDecorator;
import reactor.core.publisher.Mono;

/** The server's filters and Spring Security's run as before, through chains that add no checkpoint per filter. */
class FilterChainsWithoutCheckpointsIntegrationTests extends IntegrationTest {

    @Autowired
    private HttpHandler httpHandler;

    @Autowired
    private ApplicationContext context;

    @Test
    void springsChainHoldsOneSequenceOfAllTheFiltersInTheirOrder() {
        List<WebFilter> beans =
                context.getBeanProvider(WebFilter.class).orderedStream().toList();

        List<WebFilter> inSpringsChain = filteringHandler().getFilters();

        assertThat(beans).hasSizeGreaterThan(1).hasAtLeastOneElementOfType(WebFilterChainProxy.class);
        assertThat(inSpringsChain).singleElement().isInstanceOf(FilterChainsWithoutCheckpoints.FilterSequence.class);
        assertThat(((FilterChainsWithoutCheckpoints.FilterSequence) inSpringsChain.get(0)).filters())
                .containsExactlyElementsOf(beans);
    }

    @Test
    void springSecurityChainsItsFiltersWithoutCheckpoints() {
        var proxy = context.getBean(WebFilterChainProxy.class);
        var decorator = (WebFilterChainDecorator) ReflectionTestUtils.getField(proxy, "filterChainDecorator");
        WebFilter filter = (exchange, chain) -> chain.filter(exchange);
        WebFilterChain end = exchange -> Mono.empty();

        assertThat(decorator).isNotNull();
        assertThat(decorator.decorate(end, List.of(filter))).isInstanceOf(UncheckpointedFilterChain.class);
    }

    @Test
    void aRequestStillPassesOurFiltersAndSpringSecuritys() {
        anonymous
                .get()
                .uri("/users/424242")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .exists(RequestIds.HEADER)
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody();

        anonymous
                .post()
                .uri("/posts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"t\",\"content\":\"c\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(RequestIds.HEADER)
                .expectBody();
    }

    private FilteringWebHandler filteringHandler() {
        WebHandler handler = ((HttpWebHandlerAdapter) httpHandler).getDelegate();
        while (!(handler instanceof FilteringWebHandler) && handler instanceof WebHandlerDecorator decorator) {
            handler = decorator.getDelegate();
        }
        assertThat(handler).isInstanceOf(FilteringWebHandler.class);
        return (FilteringWebHandler) handler;
    }
}

package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.handler.DefaultWebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class UncheckpointedFilterChainTests {

    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/users/1"));
    private final List<String> ran = new ArrayList<>();
    private final WebFilterChain end = exchange -> Mono.fromRunnable(() -> ran.add("end"));

    @Test
    void runsEveryFilterOnceInOrderThenTheRest() {
        var chain = UncheckpointedFilterChain.of(List.of(recording("a"), recording("b"), recording("c")), end);

        StepVerifier.create(chain.filter(exchange)).verifyComplete();

        assertThat(ran).containsExactly("a", "b", "c", "end");
    }

    @Test
    void withoutFiltersIsTheRestItself() {
        assertThat(UncheckpointedFilterChain.of(List.of(), end)).isSameAs(end);
    }

    @Test
    void aFilterThatAnswersItselfEndsTheChain() {
        WebFilter answering = (exchange, chain) -> Mono.fromRunnable(() -> ran.add("answered"));
        var chain = UncheckpointedFilterChain.of(List.of(recording("a"), answering, recording("c")), end);

        StepVerifier.create(chain.filter(exchange)).verifyComplete();

        assertThat(ran).containsExactly("a", "answered");
    }

    @Test
    void aFilterThatThrowsFailsTheRequestOnSubscriptionNotItsCaller() {
        WebFilter throwing = (exchange, chain) -> {
            throw new IllegalStateException("broken filter");
        };
        var chain = UncheckpointedFilterChain.of(List.of(recording("a"), throwing), end);

        Mono<Void> request = chain.filter(exchange);
        assertThat(ran).as("nothing runs before subscription").isEmpty();

        StepVerifier.create(request).expectErrorMessage("broken filter").verify();
        assertThat(ran).containsExactly("a");
    }

    /** What the chain is for: Spring's chain adds a checkpoint per filter, which an error then carries. */
    @Test
    void addsNoCheckpointToAnErrorPassingItUnlikeSpringsChain() {
        var filters = List.of(recording("a"), recording("b"));
        WebFilterChain failing = exchange -> Mono.error(new IllegalStateException("handler failed"));

        Throwable ours = errorOf(UncheckpointedFilterChain.of(filters, failing).filter(exchange));
        Throwable springs = errorOf(new DefaultWebFilterChain(failing::filter, filters).filter(exchange));

        assertThat(springs.getSuppressed())
                .as("Spring's chain: the checkpoints' trace")
                .isNotEmpty();
        assertThat(ours.getSuppressed()).isEmpty();
    }

    private WebFilter recording(String name) {
        return (exchange, chain) -> {
            ran.add(name);
            return chain.filter(exchange);
        };
    }

    private static Throwable errorOf(Mono<Void> request) {
        var error = new Throwable[1];
        StepVerifier.create(request).consumeErrorWith(e -> error[0] = e).verify();
        return error[0];
    }
}

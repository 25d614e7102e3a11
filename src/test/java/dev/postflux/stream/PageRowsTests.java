package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A page's rows read up to its text budget: the query is cancelled at the row that reaches it. */
class PageRowsTests {

    @Test
    void stopsAtTheRowThatReachesTheBudgetAndCancelsTheRest() {
        var emitted = new AtomicLong();
        var cancelled = new AtomicBoolean();
        var rows =
                Flux.range(1, 1_000).doOnNext(row -> emitted.incrementAndGet()).doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(PageRows.upTo(250, rows, row -> 100))
                .assertNext(page -> {
                    assertThat(page.rows()).containsExactly(1, 2, 3);
                    assertThat(page.stoppedAtBudget()).isTrue();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled).isTrue();
        assertThat(emitted).hasValue(3);
    }

    @Test
    void readsAShortPageWholeAsTheListsEnd() {
        StepVerifier.create(PageRows.upTo(1_000, Flux.just("a", "b"), row -> 100))
                .assertNext(page -> {
                    assertThat(page.rows()).containsExactly("a", "b");
                    assertThat(page.stoppedAtBudget()).isFalse();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void takesOneRowLargerThanTheWholeBudgetSoThatTheStreamMovesOn() {
        StepVerifier.create(PageRows.upTo(10, Flux.just("large", "next"), row -> 1_000))
                .assertNext(page -> assertThat(page.rows()).isEqualTo(List.of("large")))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void countsEachSubscriptionOnItsOwn() {
        var page = PageRows.upTo(250, Flux.range(1, 10), row -> 100);

        StepVerifier.create(page.then(page))
                .assertNext(again -> assertThat(again.rows()).hasSize(3))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}

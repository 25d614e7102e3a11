package dev.postflux.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The posts of several authors read until the budget, stopping only between two authors. */
class AuthorsWithinBudgetTests {

    @Test
    void stopsAtTheFirstAuthorAfterTheBudgetWithEveryAuthorBeforeItWhole() {
        var budget = new AuthorsWithinBudget(250, List.of(7L, 8L, 9L));

        assertThat(budget.takes(post(7, 100))).isTrue();
        assertThat(budget.takes(post(7, 100))).isTrue();
        assertThat(budget.takes(post(8, 100)))
                .as("the budget is not reached yet")
                .isTrue();
        assertThat(budget.takes(post(8, 100)))
                .as("an author is read whole, past the budget")
                .isTrue();
        assertThat(budget.takes(post(9, 1))).isFalse();
        assertThat(budget.covered()).isEqualTo(2);
    }

    @Test
    void coversTheFirstAuthorHoweverLargeTheirPosts() {
        var budget = new AuthorsWithinBudget(10, List.of(7L, 8L));

        assertThat(budget.takes(post(7, 1_000))).isTrue();
        assertThat(budget.takes(post(7, 1_000))).isTrue();
        assertThat(budget.takes(post(8, 1))).isFalse();
        assertThat(budget.covered()).isEqualTo(1);
    }

    @Test
    void countsAuthorsWithoutPostsBeforeTheStopAsCovered() {
        var budget = new AuthorsWithinBudget(100, List.of(7L, 8L, 9L, 10L));

        assertThat(budget.takes(post(7, 100))).isTrue();
        assertThat(budget.takes(post(10, 1))).isFalse();
        assertThat(budget.covered()).as("7 with its post, 8 and 9 with none").isEqualTo(3);
    }

    @Test
    void coversEveryAuthorWhenTheBudgetIsNotReached() {
        var budget = new AuthorsWithinBudget(1_000, List.of(7L, 8L, 9L));

        assertThat(budget.takes(post(8, 100))).isTrue();
        assertThat(budget.covered()).isEqualTo(3);
    }

    private static PostResponse post(long authorId, int bodyLength) {
        return new PostResponse(1L, "", "x".repeat(bodyLength), authorId, 1, null, null, List.of(), null);
    }
}

package dev.postflux.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The posts of several authors read until the budget, stopping only between two authors. */
class AuthorsWithinBudgetTests {

    @Test
    void stopsAtTheFirstAuthorAfterTheBudgetWithEveryAuthorBeforeItWhole() {
        var budget = new AuthorsWithinBudget(250, List.of(7L, 8L, 9L));

        // 8's second post goes past the budget: an author is read whole.
        List<Boolean> taken = takes(budget, post(7, 100), post(7, 100), post(8, 100), post(8, 100), post(9, 1));

        assertThat(taken).containsExactly(true, true, true, true, false);
        assertThat(budget.covered()).isEqualTo(2);
    }

    @Test
    void coversTheFirstAuthorHoweverLargeTheirPosts() {
        var budget = new AuthorsWithinBudget(10, List.of(7L, 8L));

        List<Boolean> taken = takes(budget, post(7, 1_000), post(7, 1_000), post(8, 1));

        assertThat(taken).containsExactly(true, true, false);
        assertThat(budget.covered()).isEqualTo(1);
    }

    @Test
    void countsAuthorsWithoutPostsBeforeTheStopAsCovered() {
        var budget = new AuthorsWithinBudget(100, List.of(7L, 8L, 9L, 10L));

        List<Boolean> taken = takes(budget, post(7, 100), post(10, 1));

        assertThat(taken).containsExactly(true, false);
        assertThat(budget.covered()).as("7 with its post, 8 and 9 with none").isEqualTo(3);
    }

    @Test
    void coversEveryAuthorWhenTheBudgetIsNotReached() {
        var budget = new AuthorsWithinBudget(1_000, List.of(7L, 8L, 9L));

        List<Boolean> taken = takes(budget, post(8, 100));

        assertThat(taken).containsExactly(true);
        assertThat(budget.covered()).isEqualTo(3);
    }

    /** Offers the posts in turn, as a reading does, until the first it refuses: what it answered to each. */
    private static List<Boolean> takes(AuthorsWithinBudget budget, PostResponse... posts) {
        List<Boolean> answers = new ArrayList<>();
        for (PostResponse post : posts) {
            boolean taken = budget.takes(post);
            answers.add(taken);
            if (!taken) {
                break;
            }
        }
        return answers;
    }

    private static PostResponse post(long authorId, int bodyLength) {
        return new PostResponse(1L, "", "x".repeat(bodyLength), authorId, 1, null, null, List.of(), null);
    }
}

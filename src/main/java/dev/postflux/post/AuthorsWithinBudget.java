package dev.postflux.post;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, post by post in the authors' order, whether the reading of several authors' posts goes on: it stops at
 * the first post of an author once the posts before it have reached the text budget, so that every author it
 * covers has all of their posts, and the first author is always covered. One per reading: it keeps count.
 */
final class AuthorsWithinBudget {

    private final long textBudget;
    private final Map<Long, Integer> places = new HashMap<>();
    private long spent;
    private int current;
    private int covered;

    AuthorsWithinBudget(long textBudget, List<Long> authorIds) {
        this.textBudget = textBudget;
        for (int place = 0; place < authorIds.size(); place++) {
            places.put(authorIds.get(place), place);
        }
        this.covered = authorIds.size();
    }

    /** Whether {@code post} is read; false stops the reading before it. */
    boolean takes(PostResponse post) {
        int place = places.get(post.authorId());
        if (place != current && spent >= textBudget) {
            covered = place;
            return false;
        }
        current = place;
        spent += post.textLength();
        return true;
    }

    /** The authors, from the first, whose posts were all read. */
    int covered() {
        return covered;
    }
}

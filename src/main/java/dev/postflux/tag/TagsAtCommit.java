package dev.postflux.tag;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * The tags of every post one transaction wrote, created and linked just before it commits: all names with one
 * INSERT, in sorted order, then all links with another. Every writer of tags thus takes the tags' locks in one
 * statement and one order. Created post by post, a sign-up with posts tagged "y" then "x" held the uncommitted "y"
 * while it waited for a concurrent sign-up's uncommitted "x", which waited for "y": PostgreSQL aborted one (40P01).
 */
final class TagsAtCommit implements TransactionSynchronization {

    private final TagRepository tags;
    private final TransactionSynchronizationManager transaction;
    private final List<Long> postIds = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private TagsAtCommit(TagRepository tags, TransactionSynchronizationManager transaction) {
        this.tags = tags;
        this.transaction = transaction;
    }

    /** The current transaction's, registered with it on first use; fails outside a transaction. */
    static Mono<TagsAtCommit> of(TagRepository tags) {
        return TransactionSynchronizationManager.forCurrentTransaction().map(transaction -> {
            var pending = (TagsAtCommit) transaction.getResource(TagsAtCommit.class);
            if (pending == null) {
                pending = new TagsAtCommit(tags, transaction);
                transaction.bindResource(TagsAtCommit.class, pending);
                transaction.registerSynchronization(pending);
            }
            return pending;
        });
    }

    /** Called by a transaction's writes one after another, never concurrently. */
    void add(long postId, List<String> postNames) {
        for (String name : postNames) {
            postIds.add(postId);
            names.add(name);
        }
    }

    @Override
    public Mono<Void> beforeCommit(boolean readOnly) {
        if (names.isEmpty()) {
            return Mono.empty();
        }
        String[] distinct = new TreeSet<>(names).toArray(String[]::new);
        return tags.ensureExist(distinct)
                .then(tags.linkAll(postIds.toArray(Long[]::new), names.toArray(String[]::new)))
                .then();
    }

    @Override
    public Mono<Void> afterCompletion(int status) {
        transaction.unbindResourceIfPossible(TagsAtCommit.class);
        return Mono.empty();
    }
}

package dev.postflux.tag;

import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Tags of posts (many-to-many). Callers run these inside their own transaction, so that a post and its tags are
 * written together or not at all.
 */
@Service
public class TagService {

    private final TagRepository tags;

    TagService(TagRepository tags) {
        this.tags = tags;
    }

    /** Links {@code names} (already normalised) to a new post; returns them as stored. */
    public Mono<List<String>> attach(long postId, List<String> names) {
        if (names == null || names.isEmpty()) {
            return Mono.just(List.of());
        }
        String[] array = names.toArray(String[]::new);
        return tags.ensureExist(array).then(tags.link(postId, array)).thenReturn(names);
    }

    /**
     * Links {@code names} (already normalised) to a new post when the caller's transaction commits, together with
     * the tags of every other post it wrote (see {@link TagsAtCommit}: why); returns them as they will be stored.
     * Until then the links are not in the database. Fails outside a transaction.
     */
    public Mono<List<String>> attachAtCommit(long postId, List<String> names) {
        if (names == null || names.isEmpty()) {
            return Mono.just(List.of());
        }
        return TagsAtCommit.of(tags)
                .doOnNext(pending -> pending.add(postId, names))
                .thenReturn(names);
    }

    /** Makes {@code names} the post's complete set of tags. */
    public Mono<List<String>> replace(long postId, List<String> names) {
        return tags.unlinkAll(postId).then(attach(postId, names));
    }
}

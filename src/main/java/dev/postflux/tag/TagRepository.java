package dev.postflux.tag;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for tags and the post_tags link table. */
@Repository
class TagRepository {

    private final DatabaseClient db;

    TagRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Creates missing tags; ON CONFLICT makes concurrent creators of the same tag both succeed. */
    Mono<Void> ensureExist(String[] names) {
        return db.sql("INSERT INTO tags (name) SELECT unnest(CAST(:names AS text[])) ON CONFLICT (name) DO NOTHING")
                .bind("names", names)
                .then();
    }

    /** Runs as its own statement after {@link #ensureExist}, so that it sees tags committed by others meanwhile. */
    Mono<Long> link(long postId, String[] names) {
        return db.sql("INSERT INTO post_tags (post_id, tag_id) SELECT :postId, id FROM tags WHERE name = ANY(:names)")
                .bind("postId", postId)
                .bind("names", names)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> unlinkAll(long postId) {
        return db.sql("DELETE FROM post_tags WHERE post_id = :postId")
                .bind("postId", postId)
                .fetch()
                .rowsUpdated();
    }
}

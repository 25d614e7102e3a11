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

    /**
     * Creates missing tags; ON CONFLICT makes concurrent creators of the same tag both succeed. Rows are inserted
     * in name order (byte order, whatever the database's collation), so that two transactions needing the same new
     * tags wait for each other in the same order, never each for the other. Each of our transactions calls this once.
     */
    Mono<Void> ensureExist(String[] names) {
        return db.sql("INSERT INTO tags (name) SELECT name FROM unnest(CAST(:names AS text[])) AS n(name)"
                        + " ORDER BY name COLLATE \"C\" ON CONFLICT (name) DO NOTHING")
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

    /** Links the {@code i}-th post id to the {@code i}-th name, for any number of posts, after {@link #ensureExist}. */
    Mono<Long> linkAll(Long[] postIds, String[] names) {
        return db.sql("INSERT INTO post_tags (post_id, tag_id) SELECT l.post_id, t.id"
                        + " FROM unnest(CAST(:postIds AS bigint[]), CAST(:names AS text[])) AS l(post_id, name)"
                        + " JOIN tags t ON t.name = l.name")
                .bind("postIds", postIds)
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

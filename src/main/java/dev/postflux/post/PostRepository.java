package dev.postflux.post;

import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.security.Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for posts. Lists are keyset-paged on (created_at, id), matching the indexes in V2__create_posts.sql. */
@Repository
class PostRepository {

    private static final String TAG_FILTER = " AND EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id"
            + " WHERE pt.post_id = p.id AND t.name = :tag)";

    /** Object-level authorization: a post is changed only by its author or an admin. */
    private static final String OWNED = "(:actorIsAdmin OR author_id = :actor)";

    private final DatabaseClient db;

    PostRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Post> findById(long id, FieldSelection selection) {
        String sql = "SELECT " + PostColumns.selectList(selection) + " FROM " + PostColumns.from(selection)
                + " WHERE p.id = :id";
        return db.sql(sql)
                .bind("id", id)
                .map((row, metadata) -> PostColumns.map(row, selection))
                .one();
    }

    /** Up to {@code limit} posts after {@code after}, newest first. */
    Flux<Post> page(PostFilter filter, Cursor after, int limit, FieldSelection selection) {
        var sql = new StringBuilder("SELECT ")
                .append(PostColumns.selectList(selection))
                .append(" FROM ")
                .append(PostColumns.from(selection))
                .append(" WHERE TRUE");
        Map<String, Object> binds = new HashMap<>();
        if (filter.authorId() != null) {
            sql.append(" AND p.author_id = :authorId");
            binds.put("authorId", filter.authorId());
        }
        if (filter.tag() != null) {
            sql.append(TAG_FILTER);
            binds.put("tag", filter.tag());
        }
        if (after != null) {
            sql.append(" AND (p.created_at, p.id) < (:afterCreatedAt, :afterId)");
            binds.put("afterCreatedAt", after.createdAt());
            binds.put("afterId", after.id());
        }
        sql.append(" ORDER BY p.created_at DESC, p.id DESC LIMIT :limit");
        binds.put("limit", limit);
        return db.sql(sql.toString())
                .bindValues(binds)
                .map((row, metadata) -> PostColumns.map(row, selection))
                .all();
    }

    /**
     * The newest {@code perAuthor} posts of each author, in one statement for a whole page of users: author by author
     * in the order given (a page's order), so that a reader can stop at an author's last post.
     */
    Flux<Post> recentByAuthors(Long[] authorIds, int perAuthor) {
        return db.sql("SELECT " + PostColumns.ALL
                        + " FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS authors(id, place)"
                        + " CROSS JOIN LATERAL (SELECT * FROM posts WHERE author_id = authors.id"
                        + " ORDER BY created_at DESC, id DESC LIMIT :perAuthor) p"
                        + " ORDER BY authors.place, p.created_at DESC, p.id DESC")
                .bind("ids", authorIds)
                .bind("perAuthor", perAuthor)
                .map((row, metadata) -> PostColumns.map(row, PostColumns.ALL_ATTRIBUTES))
                .all();
    }

    /** Inserts the post; nothing (empty) unless the actor is the author or an admin. */
    Mono<Post> insert(long authorId, CreatePostRequest post, Actor actor) {
        return db.sql("INSERT INTO posts (author_id, title, body) SELECT :authorId, :title, :body"
                        + " WHERE :actorIsAdmin OR :authorId = :actor" + PostColumns.RETURNING)
                .bind("authorId", authorId)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class))
                .bind("title", post.title())
                .bind("body", Parameter.fromOrEmpty(post.body(), String.class))
                .map((row, metadata) -> PostColumns.map(row, PostColumns.WRITTEN))
                .one();
    }

    /** The names of the tags the updated post has now, for {@link #update}. */
    private static final String STORED_TAGS =
            "ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = posts.id)";

    /**
     * Applies the fields present in {@code change}; empty when the post is gone, its version moved on, or the actor
     * is neither its author nor an admin.
     */
    Mono<Post> update(long id, UpdatePostRequest change, List<Integer> expectedVersions, Actor actor) {
        String sql = "UPDATE posts SET title = COALESCE(:title, title),"
                + " body = CASE WHEN :setBody THEN :body ELSE body END,"
                // Other tags are a change the row does not show: raising the version asks touch_row() for a new one
                // even when title and body stay (migrations/V6__keep_unchanged_rows.sql). Compared as sets: the
                // same tags sent back are no change.
                + " version = CASE WHEN :retag AND NOT (CAST(:tags AS text[]) @> " + STORED_TAGS
                + " AND CAST(:tags AS text[]) <@ " + STORED_TAGS + ") THEN version + 1 ELSE version END"
                + " WHERE id = :id AND " + OWNED + (expectedVersions == null ? "" : " AND version = ANY(:versions)")
                + PostColumns.RETURNING;
        var spec = db.sql(sql)
                .bind("id", id)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class))
                .bind("title", Parameter.fromOrEmpty(change.title(), String.class))
                .bind("setBody", change.bodyGiven())
                .bind("retag", change.tagNames() != null)
                .bind(
                        "tags",
                        Parameter.fromOrEmpty(
                                change.tagNames() == null
                                        ? null
                                        : change.tagNames().toArray(String[]::new),
                                String[].class))
                .bind("body", Parameter.fromOrEmpty(change.body(), String.class));
        if (expectedVersions != null) {
            spec = spec.bind("versions", expectedVersions.toArray(Integer[]::new));
        }
        return spec.map((row, metadata) -> PostColumns.map(row, PostColumns.WRITTEN))
                .one();
    }

    Mono<Long> delete(long id, List<Integer> expectedVersions, Actor actor) {
        var spec = db.sql("DELETE FROM posts WHERE id = :id AND " + OWNED
                        + (expectedVersions == null ? "" : " AND version = ANY(:versions)") + " RETURNING id")
                .bind("id", id)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class));
        if (expectedVersions != null) {
            spec = spec.bind("versions", expectedVersions.toArray(Integer[]::new));
        }
        return spec.map((row, metadata) -> row.get("id", Long.class)).one();
    }

    /** The post's version and author, to tell why a guarded write matched nothing. */
    Mono<Post> currentVersion(long id) {
        return db.sql("SELECT id, version, author_id FROM posts WHERE id = :id")
                .bind("id", id)
                .map((row, metadata) -> new Post(
                        row.get(0, Long.class),
                        row.get(2, Long.class),
                        null,
                        null,
                        row.get(1, Integer.class),
                        null,
                        null,
                        null,
                        null))
                .one();
    }

    Mono<Boolean> authorExists(long authorId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
                .bind("id", authorId)
                .mapValue(Boolean.class)
                .one();
    }
}

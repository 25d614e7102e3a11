package dev.postflux.post;

import dev.postflux.common.db.ColumnReader;
import dev.postflux.common.db.SelectList;
import dev.postflux.common.web.FieldSelection;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post attributes a client can name and the SQL that selects each. Every select list is assembled from these
 * constants, so that {@code fields=...} never puts client text into SQL.
 */
final class PostColumns {

    static final List<String> ATTRIBUTES =
            List.of("id", "title", "body", "authorId", "version", "createdAt", "updatedAt", "tags");
    static final List<String> RELATIONS = List.of("author");

    private static final List<String> KEYS = List.of("p.id", "p.created_at");
    private static final Map<String, String> SQL = new LinkedHashMap<>();

    static {
        SQL.put("title", "p.title");
        SQL.put("body", "p.body");
        SQL.put("authorId", "p.author_id");
        SQL.put("version", "p.version");
        SQL.put("updatedAt", "p.updated_at");
        SQL.put(
                "tags",
                "COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt"
                        + " JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags");
        SQL.put(
                "author",
                "a.id AS author_user_id, a.name AS author_name, a.email AS author_email, a.role AS author_role");
    }

    /** Everything a post response shows, without the author. */
    static final FieldSelection ALL_ATTRIBUTES = FieldSelection.all(ATTRIBUTES, List.of());

    static final String ALL = selectList(ALL_ATTRIBUTES);

    /** What INSERT and UPDATE return: the post's own columns, in select-list order (tags are written apart). */
    static final FieldSelection WRITTEN = new FieldSelection(
            java.util.Set.of("id", "createdAt", "title", "body", "authorId", "version", "updatedAt"), false);

    static final String RETURNING = " RETURNING " + SelectList.of(List.of("id", "created_at"), unqualified(), WRITTEN);

    private PostColumns() {}

    /** {@code p.id} and {@code p.created_at} are always selected: they are the keyset cursor. */
    static String selectList(FieldSelection selection) {
        return SelectList.of(KEYS, SQL, selection);
    }

    private static Map<String, String> unqualified() {
        Map<String, String> columns = new LinkedHashMap<>();
        SQL.forEach((attribute, sql) -> columns.put(attribute, sql.replace("p.", "")));
        return columns;
    }

    static String from(FieldSelection selection) {
        return selection.includes("author") ? "posts p JOIN users a ON a.id = p.author_id" : "posts p";
    }

    /** Reads a row of {@link #selectList(FieldSelection)} for the same selection. */
    static Post map(Row row, FieldSelection selection) {
        return map(row, selection, 0);
    }

    /** Reads the columns of {@link #selectList(FieldSelection)} that start at column {@code first} of the row. */
    static Post map(Row row, FieldSelection selection, int first) {
        var columns = new ColumnReader(row, selection, first);
        Long id = columns.next(Long.class);
        Instant createdAt = columns.next(Instant.class);
        String title = columns.next("title", String.class);
        String body = columns.next("body", String.class);
        Long authorId = columns.next("authorId", Long.class);
        Integer version = columns.next("version", Integer.class);
        Instant updatedAt = columns.next("updatedAt", Instant.class);
        List<String> tags = columns.nextStrings("tags");
        Post.Author author = columns.includes("author")
                ? new Post.Author(
                        columns.next(Long.class),
                        columns.next(String.class),
                        columns.next(String.class),
                        columns.next(String.class))
                : null;
        return new Post(id, authorId, title, body, version, createdAt, updatedAt, tags, author);
    }
}

package dev.postflux.post;

import dev.postflux.common.db.Rows;
import dev.postflux.common.db.SelectList;
import dev.postflux.common.web.FieldSelection;
import io.r2dbc.spi.Row;
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
    static final String ALL = selectList(FieldSelection.all(ATTRIBUTES, List.of()));

    private PostColumns() {}

    /** {@code p.id} and {@code p.created_at} are always selected: they are the keyset cursor. */
    static String selectList(FieldSelection selection) {
        return SelectList.of(KEYS, SQL, selection);
    }

    static String from(FieldSelection selection) {
        return selection.includes("author") ? "posts p JOIN users a ON a.id = p.author_id" : "posts p";
    }

    static Post map(Row row) {
        String authorName = Rows.get(row, "author_name", String.class);
        var author = authorName == null
                ? null
                : new Post.Author(
                        Rows.get(row, "author_user_id", Long.class),
                        authorName,
                        Rows.get(row, "author_email", String.class),
                        Rows.get(row, "author_role", String.class));
        return new Post(
                Rows.get(row, "id", Long.class),
                Rows.get(row, "author_id", Long.class),
                Rows.get(row, "title", String.class),
                Rows.get(row, "body", String.class),
                Rows.get(row, "version", Integer.class),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"),
                Rows.strings(row, "tags"),
                author);
    }
}

package dev.postflux.post;

import dev.postflux.common.web.FieldSelection;
import io.r2dbc.spi.Row;
import java.util.List;

/**
 * A user's newest posts inside the user's own statement, as a {@code LATERAL} join: {@code GET /users/{id}} is then
 * one statement on one pooled connection instead of two statements on two (docs/benchmarks.md). The user feature
 * writes that statement; which post columns it selects, in which order, and how they are read stay here.
 */
public final class EmbeddedPosts {

    private static final FieldSelection ALL = FieldSelection.all(PostColumns.ATTRIBUTES, List.of());

    /** The joined posts' columns, to follow the user's in the select list. */
    public static final String COLUMNS = "rp.*";

    /** Newest first, as every post list. */
    public static final String ORDER = " ORDER BY rp.created_at DESC, rp.id DESC";

    private EmbeddedPosts() {}

    /**
     * Joins the newest {@code :posts} posts of the user whose id is the outer statement's {@code userId} column; a
     * user without posts still gives one row, with null post columns.
     */
    public static String join(String userId) {
        return " LEFT JOIN LATERAL (SELECT " + PostColumns.selectList(ALL) + " FROM posts p WHERE p.author_id = "
                + userId + " ORDER BY p.created_at DESC, p.id DESC LIMIT :posts) rp ON TRUE";
    }

    /** The post whose columns start at column {@code first} of the row, or null when the row carries none. */
    public static PostResponse read(Row row, int first) {
        if (row.get(first, Long.class) == null) {
            return null;
        }
        return PostResponse.from(PostColumns.map(row, ALL, first));
    }
}

package dev.postflux.common.web;

/**
 * Which slice of a list a client asked for: at most {@code limit} rows after {@code after} (null: from the
 * newest).
 */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest from(QueryParameters query) {
        return new PageRequest(
                query.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT),
                query.cursor("after").orElse(null));
    }
}

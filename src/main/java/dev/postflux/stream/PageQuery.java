package dev.postflux.stream;

import dev.postflux.common.web.Cursor;

/**
 * One page query of a stream: the rows after {@code after} (null: from the newest), at most {@code rows} of them,
 * and no more than about {@code textBudget} characters of their text ({@link PageRows}).
 */
public record PageQuery(Cursor after, int rows, long textBudget) {}

package dev.postflux.common.db;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Reads columns that a query may or may not have selected: with {@code fields=...} the SQL selects only what the
 * client asked for, and the absent columns map to {@code null}.
 */
public final class Rows {

    private Rows() {}

    public static <T> T get(Row row, String column, Class<T> type) {
        return row.getMetadata().contains(column) ? ((Readable) row).get(column, type) : null;
    }

    public static Instant instant(Row row, String column) {
        return get(row, column, Instant.class);
    }

    public static List<String> strings(Row row, String column) {
        String[] values = get(row, column, String[].class);
        return values == null ? null : Arrays.asList(values);
    }
}

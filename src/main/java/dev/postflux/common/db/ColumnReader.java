package dev.postflux.common.db;

import dev.postflux.common.web.FieldSelection;
import io.r2dbc.spi.Row;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a row by position, in the order {@link SelectList} wrote the select list: the always-selected keys first,
 * then each attribute the selection includes. Reading by position instead of by name saves a name search per
 * column, which showed in the profile of every list and detail query.
 */
public final class ColumnReader {

    private final Row row;
    private final FieldSelection selection;
    private int index;

    public ColumnReader(Row row, FieldSelection selection) {
        this(row, selection, 0);
    }

    /** Starts at column {@code first}: a row that carries the columns of two select lists, one after the other. */
    public ColumnReader(Row row, FieldSelection selection, int first) {
        this.row = row;
        this.selection = selection;
        this.index = first;
    }

    /** The index of the next column: where a second select list in the same row starts. */
    public int position() {
        return index;
    }

    /** The next column, which every select list has. */
    public <T> T next(Class<T> type) {
        return row.get(index++, type);
    }

    /** The next column if the selection includes {@code attribute}, else null (and no column is consumed). */
    public <T> T next(String attribute, Class<T> type) {
        return selection.includes(attribute) ? next(type) : null;
    }

    public List<String> nextStrings(String attribute) {
        String[] values = next(attribute, String[].class);
        return values == null ? null : Arrays.asList(values);
    }

    public boolean includes(String attribute) {
        return selection.includes(attribute);
    }
}

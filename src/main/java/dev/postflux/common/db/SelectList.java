package dev.postflux.common.db;

import dev.postflux.common.web.FieldSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assembles a select list from constant SQL fragments only: the ones the selection names, after those always needed. */
public final class SelectList {

    private SelectList() {}

    public static String of(List<String> always, Map<String, String> byAttribute, FieldSelection selection) {
        List<String> columns = new ArrayList<>(always);
        byAttribute.forEach((attribute, sql) -> {
            if (selection.includes(attribute)) {
                columns.add(sql);
            }
        });
        return String.join(", ", columns);
    }
}

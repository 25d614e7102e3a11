package dev.postflux.common.web;

import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One slice of a keyset-paged list, and the cursor of the next slice when there is one. */
public record Page<T>(List<T> items, Cursor next) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only proves that more exist,
     * and the cursor is the last row the client will see.
     */
    public static <T> Mono<Page<T>> of(Flux<T> limitPlusOne, int limit, Function<T, Cursor> cursorOf) {
        return limitPlusOne.collectList().map(rows -> {
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<T> items = rows.subList(0, limit);
            return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
        });
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}

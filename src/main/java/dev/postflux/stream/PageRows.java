package dev.postflux.stream;

import java.util.List;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a page query of a stream read: its rows in list order, and whether it stopped at its text budget, in which
 * case the list may go on although it read fewer rows than it asked for.
 *
 * <p>The budget is what bounds a page in bytes. A page asks for as many rows as make {@code page-bytes} by the
 * rows encoded so far ({@link RowSizes}); rows that grow all at once (a thousand one-line posts, then posts of
 * 50,000 characters) would otherwise fill the page already asked for with 50 MB.
 */
public record PageRows<T>(List<T> rows, boolean stoppedAtBudget) {

    /**
     * Reads {@code rows} until their text reaches {@code textBudget} characters (the row that reaches it is the
     * page's last, so a page always moves the stream on), then cancels the query. The driver does not stop
     * PostgreSQL: the rest of the page still arrives on the connection and is dropped as it arrives, never held.
     */
    public static <T> Mono<PageRows<T>> upTo(long textBudget, Flux<T> rows, ToLongFunction<T> textLength) {
        return Mono.defer(() -> {
            long[] spent = {0};
            boolean[] stopped = {false};
            return rows.takeUntil(row -> {
                        spent[0] += textLength.applyAsLong(row);
                        return stopped[0] = spent[0] >= textBudget;
                    })
                    .collectList()
                    .map(read -> new PageRows<>(read, stopped[0]));
        });
    }
}

package dev.postflux.stream;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * How large one stream's rows are once encoded: {@link StreamResponses} measures every row it writes, and
 * {@link KeysetStreams} sizes the stream's next page by it, so that a page of 50 KB posts asks for fewer rows than a
 * page of titles. It travels from the one to the other in the subscriber context, so that the services in between
 * (which build the row stream) need not carry it.
 */
final class RowSizes {

    /**
     * Rows the average mostly follows (an exponential moving average): recent enough that pages shrink within a
     * few dozen rows once rows grow, long enough that a mix of small and large rows gives a steady page size.
     */
    private static final int RECENT_ROWS = 32;

    /** Written by the one thread encoding at a time, read by the one sizing the next page. 0: nothing measured. */
    private volatile double bytesPerRow;

    private final Sinks.Empty<Void> firstRowMeasured = Sinks.empty();

    /** This meter in the subscriber context of everything upstream. */
    Context addTo(Context context) {
        return context.put(RowSizes.class, this);
    }

    /** The meter of the stream being subscribed, or null when nothing measures its rows. */
    static RowSizes of(ContextView context) {
        return context.getOrDefault(RowSizes.class, null);
    }

    void record(int bytes) {
        double average = bytesPerRow;
        bytesPerRow = average == 0 ? bytes : average + (bytes - average) / RECENT_ROWS;
        if (average == 0) {
            firstRowMeasured.tryEmitEmpty();
        }
    }

    /** Completes once a row has been measured: before that, nothing tells how large the rows are. */
    Mono<Void> firstRowMeasured() {
        return firstRowMeasured.asMono();
    }

    /** The rows that make about {@code bytes}, by the rows measured so far, between {@code min} and {@code max}. */
    int rowsIn(long bytes, int min, int max) {
        double average = Math.max(1, bytesPerRow);
        return (int) Math.max(min, Math.min(max, bytes / average));
    }
}

package dev.postflux.common.observability;

import org.slf4j.MDC;

/**
 * Puts a request's id into the MDC for the duration of one logging call, so that the line carries it (in the text
 * pattern and as the {@code requestId} field of structured logs) whichever thread writes it.
 *
 * <p>Set where the line is written rather than copied along with every step of every request: Reactor's automatic
 * context propagation did the latter, restoring thread locals around every operator, and cost about a fifth of the
 * CPU time of {@code GET /users/{id}} (docs/benchmarks.md). The lines that name a request are few and each knows
 * its id: the access line, the problem log lines, the SQL log.
 */
public final class RequestIdMdc {

    /** The MDC key, and so the field name in structured logs. */
    public static final String KEY = "requestId";

    private RequestIdMdc() {}

    /** Runs {@code logging} with {@code requestId} in the MDC (nothing added when it is null), then restores it. */
    public static void with(String requestId, Runnable logging) {
        if (requestId == null) {
            logging.run();
            return;
        }
        String previous = MDC.get(KEY);
        MDC.put(KEY, requestId);
        try {
            logging.run();
        } finally {
            if (previous != null) {
                MDC.put(KEY, previous);
            } else {
                MDC.remove(KEY);
            }
        }
    }
}

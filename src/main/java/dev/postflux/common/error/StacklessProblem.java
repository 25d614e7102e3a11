package dev.postflux.common.error;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem the API answers on purpose (404, 429, 503...), without a stack trace. Filling one in walks the whole
 * reactive stack of the request: under a flood of refused writes it was 7% of the server's CPU samples, and
 * without it a refusal took 40% less CPU (docs/benchmarks.md). Nothing reads it: the problem says what happened,
 * and {@link ProblemExceptionHandler} logs stack traces only for the errors it does not recognise, never these.
 */
final class StacklessProblem extends ErrorResponseException {

    StacklessProblem(HttpStatusCode status, String detail) {
        this(status, detail, null);
    }

    /** With the {@code cause} the server's log line names (the client sees only {@code detail}). */
    StacklessProblem(HttpStatusCode status, String detail, Throwable cause) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

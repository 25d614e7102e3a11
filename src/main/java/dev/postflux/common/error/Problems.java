package dev.postflux.common.error;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The problems our own code raises. Each is a Spring {@link ErrorResponseException}, so that ours and the
 * framework's (415, 406, 405...) travel the same way to {@link ProblemExceptionHandler}.
 */
public final class Problems {

    private Problems() {}

    public static ErrorResponseException notFound(String what, Object id) {
        return problem(HttpStatus.NOT_FOUND, "No " + what + " with id " + id);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, detail);
    }

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    /** The caller is known but may not do this; nothing was changed. */
    public static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, detail);
    }

    /** No usable credentials; {@code challenge} is the {@code WWW-Authenticate} value (RFC 6750). */
    public static ErrorResponseException unauthorized(HttpStatus status, String detail, String challenge) {
        var exception = problem(status, detail);
        exception.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return exception;
    }

    /** The client used up its allowance; it may try again after {@code retryAfter}. */
    public static ErrorResponseException tooManyRequests(String detail, Duration retryAfter) {
        var exception = problem(HttpStatus.TOO_MANY_REQUESTS, detail);
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return exception;
    }

    public static ErrorResponseException preconditionFailed(String detail) {
        return problem(HttpStatus.PRECONDITION_FAILED, detail);
    }

    /** A 400 listing every invalid field, sorted by name so that clients and tests see a stable order. */
    public static ErrorResponseException invalid(List<FieldError> errors) {
        var sorted = errors.stream()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        var exception = problem(HttpStatus.BAD_REQUEST, "Invalid request: " + describe(sorted));
        exception.getBody().setTitle("Validation failed");
        exception.getBody().setProperty("errors", sorted);
        return exception;
    }

    public static ErrorResponseException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** The server cannot serve this now but will soon: the client should retry after {@code retryAfter}. */
    public static ErrorResponseException unavailable(String detail, Duration retryAfter) {
        var exception = problem(HttpStatus.SERVICE_UNAVAILABLE, detail);
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return exception;
    }

    /**
     * A write ran out of time without an answer from the database, and may still commit: statements already sent
     * run on, and a transactional write finishes on its own (RunToEnd). Not 503: no {@code Retry-After}, since
     * retrying blindly could apply the write twice; the client should read the resource first.
     */
    public static ErrorResponseException outcomeUnknown(String detail) {
        return problem(HttpStatus.GATEWAY_TIMEOUT, detail);
    }

    /** As {@link #outcomeUnknown(String)}, logged with the {@code cause} that made the outcome unknown. */
    public static ErrorResponseException outcomeUnknown(String detail, Throwable cause) {
        return new StacklessProblem(HttpStatus.GATEWAY_TIMEOUT, detail, cause);
    }

    /** A request method this server implements for no resource (RFC 9110 section 15.6.2). */
    public static ErrorResponseException notImplemented(String detail) {
        return problem(HttpStatus.NOT_IMPLEMENTED, detail);
    }

    /** The client stopped sending its request; the connection is closed after this answer. */
    public static ErrorResponseException requestTimeout(String detail) {
        var exception = problem(HttpStatus.REQUEST_TIMEOUT, detail);
        exception.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return exception;
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new StacklessProblem(status, detail);
    }

    private static String describe(List<FieldError> errors) {
        return String.join(
                "; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
    }
}

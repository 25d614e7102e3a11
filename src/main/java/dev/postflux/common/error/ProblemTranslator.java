package dev.postflux.common.error;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.pool.PoolAcquirePendingLimitException;
import tools.jackson.core.JacksonException;

/**
 * Decides which HTTP problem an error is. Anything it does not recognise is a 500, which the handler logs and
 * describes without internals.
 */
final class ProblemTranslator {

    /** How long a client should wait before retrying when the database is briefly out of reach. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private ProblemTranslator() {}

    /** The problem for {@code error}, or {@code null} when it is a server fault (500). */
    static ErrorResponse translate(Throwable error) {
        if (Causes.find(error, DataBufferLimitException.class) != null) {
            return tooLarge();
        }
        if (isRequestTimeout(error)) {
            return Problems.requestTimeout("The request body did not arrive in time");
        }
        JacksonException json = Causes.find(error, JacksonException.class);
        if (json != null && (error instanceof ServerWebInputException || error == json)) {
            return JsonInputProblems.from(json);
        }
        if (error instanceof ErrorResponse response) {
            return response;
        }
        // Where no route parsed it first with a message of its own (Negotiation, RequestBodies).
        if (Causes.find(error, InvalidMediaTypeException.class) != null) {
            return Problems.badRequest("A media type header (Accept or Content-Type) is malformed");
        }
        return databaseProblem(error);
    }

    private static ErrorResponse databaseProblem(Throwable error) {
        R2dbcException database = Causes.find(error, R2dbcException.class);
        if (database != null
                && database.getSqlState() != null
                && database.getSqlState().startsWith("22")) {
            // PostgreSQL's "data exception" class: a value the client sent cannot be stored as given (a text with
            // the NUL character, a number or date out of range). The statement failed, so nothing changed.
            return Problems.badRequest(
                    "A value in the request cannot be stored: text must not contain the NUL character, and numbers"
                            + " and dates must be within range");
        }
        if (error instanceof DuplicateKeyException) {
            return Problems.conflict("The request conflicts with an existing resource");
        }
        if (error instanceof DataIntegrityViolationException) {
            return Problems.badRequest("The request violates a data constraint");
        }
        if (error instanceof TransientDataAccessException
                || error instanceof DataAccessResourceFailureException
                || error instanceof RecoverableDataAccessException
                || error instanceof TimeoutException
                || Causes.find(error, PoolAcquirePendingLimitException.class) != null
                || Causes.find(error, R2dbcTransientException.class) != null
                || Causes.find(error, R2dbcNonTransientResourceException.class) != null) {
            return Problems.unavailable("The database is temporarily unavailable; retry shortly", RETRY_AFTER);
        }
        return null;
    }

    private static ErrorResponse tooLarge() {
        return new StacklessProblem(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds the size limit");
    }

    /**
     * Reactor Netty's body timeouts (postflux.server.body-read-timeout, body-timeout): the client stopped sending,
     * which is the client's fault, not ours. Its request-timeout exception is package-private, hence the name.
     */
    static boolean isRequestTimeout(Throwable error) {
        return Causes.any(
                error,
                cause -> cause instanceof io.netty.handler.timeout.TimeoutException
                        || cause.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException"));
    }
}

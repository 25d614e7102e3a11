package dev.postflux.common.db;

import dev.postflux.common.error.Causes;
import dev.postflux.common.error.Problems;
import java.util.Set;
import org.springframework.web.ErrorResponseException;

/**
 * A database connection that went away while a statement was on it, as opposed to one the server never got (the
 * pool's acquire timeout, a refused connect), or an error PostgreSQL answered (which it answers only after rolling
 * the statement back). After a loss the server cannot know whether PostgreSQL received and committed what was
 * sent: for a write that is the difference between "retry" and "check first".
 */
public final class ConnectionLoss {

    /**
     * r2dbc-postgresql's own, package-private: a closed channel, and an I/O error on an open one
     * ({@code ConnectionLossTests} fails if an upgrade renames them). The first also stands for a statement refused
     * before it was sent on a connection already closed: the driver does not tell the two apart, so such a write is
     * answered 504 too, where 503 would have been safe. The error is on the side of caution.
     */
    static final Set<String> LOST_IN_USE = Set.of(
            "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionClosedException",
            "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionException");

    private ConnectionLoss() {}

    public static boolean isLoss(Throwable error) {
        return Causes.any(error, cause -> LOST_IN_USE.contains(cause.getClass().getName()));
    }

    /** The 504 of a write whose connection was lost after it was sent: RFC 9110's "outcome unknown" gateway error. */
    public static ErrorResponseException outcomeUnknown(Throwable loss) {
        return Problems.outcomeUnknown(
                "The connection to the database was lost while the change was being made;"
                        + " it may have been applied: read the resource before retrying",
                loss);
    }
}

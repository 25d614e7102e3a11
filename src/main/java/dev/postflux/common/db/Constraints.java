package dev.postflux.common.db;

import io.r2dbc.postgresql.api.PostgresqlException;

/** Tells which database constraint a failed write violated, so that services can answer 404 or 409 precisely. */
public final class Constraints {

    private Constraints() {}

    public static boolean violated(Throwable error, String constraint) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PostgresqlException postgres
                    && constraint.equals(
                            postgres.getErrorDetails().getConstraintName().orElse(null))) {
                return true;
            }
        }
        return false;
    }
}

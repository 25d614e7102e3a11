package dev.postflux.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Replaces the start-up stack trace of an unreachable database with what happened and what to do. */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Start PostgreSQL at " + cause.location() + ", or point DATABASE_URL at a running server, "
                        + "or unset DATABASE_URL and spring.r2dbc.url to use the embedded PostgreSQL.",
                cause);
    }
}

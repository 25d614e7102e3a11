package dev.postflux.database;

/** The database could not be reached at start-up; the server refuses to run without it. */
public class DatabaseUnavailableException extends RuntimeException {

    private final String location;

    DatabaseUnavailableException(String location, String reason, Throwable cause) {
        super("PostgreSQL unreachable at " + location + ": " + reason, cause);
        this.location = location;
    }

    public String location() {
        return location;
    }
}

package dev.postflux.cli;

/** A command's option has a value it cannot use: printed as one line, exit code {@value Commands#USAGE_ERROR}. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

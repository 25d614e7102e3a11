package dev.postflux.stream;

/** Aborts an NDJSON stream cut short by shutdown, so that the client sees an incomplete body, not a complete one. */
final class StreamInterruptedException extends RuntimeException {

    StreamInterruptedException() {
        super("Stream interrupted by server shutdown", null, false, false);
    }
}

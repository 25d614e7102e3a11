package dev.postflux.security;

/** Tokens cannot be verified as configured; the server refuses to start rather than run unauthenticated. */
public class KeySourceException extends RuntimeException {

    public KeySourceException(String message) {
        super(message);
    }
}

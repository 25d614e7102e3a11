package dev.postflux.common.error;

/** One invalid input, named the way the client wrote it: {@code email}, {@code posts[2].title}, {@code limit}. */
public record FieldError(String field, String message) {}

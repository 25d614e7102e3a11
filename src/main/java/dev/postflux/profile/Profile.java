package dev.postflux.profile;

/** A user's profile (one-to-one, keyed by the user's id). */
public record Profile(long userId, String bio, String website) {}

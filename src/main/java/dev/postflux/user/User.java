package dev.postflux.user;

import dev.postflux.common.web.Cursor;
import dev.postflux.profile.Profile;
import java.time.Instant;

/**
 * A user as stored, with its profile when the query joined it. Attributes that a {@code fields} selection left out
 * are null.
 */
public record User(
        Long id,
        String name,
        String email,
        Role role,
        Integer version,
        Instant createdAt,
        Instant updatedAt,
        Profile profile) {

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}

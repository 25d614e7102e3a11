package dev.postflux.post;

import dev.postflux.common.web.Cursor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A post as stored, with its tags; {@code author} only when the query joined it. Attributes that a
 * {@code fields} selection left out are null.
 */
public record Post(
        Long id,
        Long authorId,
        String title,
        String body,
        Integer version,
        Instant createdAt,
        Instant updatedAt,
        List<String> tags,
        Author author) {

    /** The belongs-to side: who wrote the post, as much of the user as a post shows. */
    @Schema(requiredProperties = {"id", "name", "email", "role"})
    public record Author(Long id, String name, String email, String role) {}

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }
}

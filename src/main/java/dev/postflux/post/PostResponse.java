package dev.postflux.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.Fingerprint;
import dev.postflux.common.web.Keyed;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A post as the API shows it; {@code author} appears only where the route includes it. */
@Schema(requiredProperties = {"id", "title", "body", "authorId", "version", "createdAt", "updatedAt", "tags"})
public record PostResponse(
        Long id,
        String title,
        @Schema(types = {"string", "null"}) String body,
        Long authorId,
        Integer version,
        Instant createdAt,
        Instant updatedAt,
        List<String> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) Post.Author author)
        implements Keyed {

    @Override
    @JsonIgnore
    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }

    /**
     * The characters of its text (title, body, tags, author): what a stream's page counts against its budget, an
     * estimate of the post's share of memory and of its encoded size.
     */
    @JsonIgnore
    public long textLength() {
        long length = title == null ? 0 : title.length();
        length += body == null ? 0 : body.length();
        for (String tag : tags == null ? List.<String>of() : tags) {
            length += tag.length();
        }
        return author == null
                ? length
                : length + author.name().length() + author.email().length();
    }

    /** What its version does not cover: the embedded author; null when it is not embedded. */
    @JsonIgnore
    public Fingerprint relationsFingerprint() {
        return author == null
                ? null
                : new Fingerprint()
                        .add(author.id())
                        .add(author.name())
                        .add(author.email())
                        .add(author.role());
    }

    public static PostResponse from(Post post) {
        return new PostResponse(
                post.id(),
                post.title(),
                post.body(),
                post.authorId(),
                post.version(),
                post.createdAt(),
                post.updatedAt(),
                post.tags(),
                post.author());
    }
}

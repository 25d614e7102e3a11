package dev.postflux.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.common.web.Fingerprint;
import dev.postflux.common.web.Keyed;
import dev.postflux.post.PostResponse;
import dev.postflux.profile.ProfileResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user as the API shows it. Relations appear only when loaded: {@code profile} is then the profile or
 * {@code null}, {@code posts} the newest posts (at most {@link UserService#EMBEDDED_POSTS}).
 */
@Schema(requiredProperties = {"id", "name", "email", "role", "version", "createdAt", "updatedAt"})
public record UserResponse(
        Long id,
        String name,
        String email,
        Role role,
        Integer version,
        Instant createdAt,
        Instant updatedAt,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "with the profile relation: the profile, or null when the user has none",
                types = {"object", "null"},
                implementation = ProfileResponse.class)
        Optional<ProfileResponse> profile,

        @JsonInclude(JsonInclude.Include.NON_NULL) List<PostResponse> posts)
        implements Keyed {

    @Override
    @JsonIgnore
    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }

    /**
     * What its version does not cover: the embedded profile and posts (each post by its id and version, which
     * every change to it, its tags included, moves); null when neither is embedded.
     */
    @JsonIgnore
    public Fingerprint relationsFingerprint() {
        if (profile == null && posts == null) {
            return null;
        }
        var fingerprint = new Fingerprint();
        if (profile != null) {
            fingerprint.add(profile.isPresent() ? "profile" : "no profile");
            profile.ifPresent(shown -> fingerprint.add(shown.bio()).add(shown.website()));
        }
        if (posts != null) {
            fingerprint.add(posts.size());
            for (PostResponse post : posts) {
                fingerprint.add(post.id()).add(post.version() == null ? null : (long) post.version());
            }
        }
        return fingerprint;
    }

    static UserResponse from(User user, FieldSelection selection, List<PostResponse> posts) {
        Optional<ProfileResponse> profile = selection.includes("profile")
                ? Optional.ofNullable(user.profile()).map(ProfileResponse::from)
                : null;
        return new UserResponse(
                user.id(),
                user.name(),
                user.email(),
                user.role(),
                user.version(),
                user.createdAt(),
                user.updatedAt(),
                profile,
                selection.includes("posts") ? posts : null);
    }
}

package dev.postflux.profile;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.error.Problems;
import dev.postflux.common.web.Preconditions.IfMatch;
import dev.postflux.profile.ProfileRepository.Stored;
import dev.postflux.profile.ProfileRepository.TaggedProfile;
import dev.postflux.security.Actor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Profiles: one per user, created or replaced whole. A profile's entity tag is a digest of its content, and
 * {@code If-Match} makes a replacement or a deletion conditional on it.
 */
@Service
class ProfileService {

    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /**
     * Creates or replaces the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise).
     * 404 when the user does not exist, detected by the foreign key so that it holds against a racing delete. With
     * {@code condition} (If-Match, null if none), only an existing profile is replaced, and only if its tag is one
     * the condition names (412 otherwise).
     */
    Mono<Stored> put(Actor actor, long userId, PutProfileRequest profile, IfMatch condition) {
        if (condition != null) {
            return profiles.replace(userId, profile, actor, condition.any() ? null : condition.tags())
                    .map(replaced -> new Stored(replaced, false))
                    .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, userId, condition)));
        }
        return profiles.put(userId, profile, actor)
                // Empty also when a racing PUT created the profile meanwhile: once more, it is replaced.
                .switchIfEmpty(Mono.defer(() -> profiles.put(userId, profile, actor)))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, userId, null)))
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "profiles_user_id_fkey") ? Problems.notFound("user", userId) : e);
    }

    Mono<TaggedProfile> find(long userId) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> found.profile() == null
                        ? Mono.error(Problems.notFound("profile for user", userId))
                        : Mono.just(found.profile()));
    }

    /**
     * Deletes the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise), and, with
     * {@code condition} (If-Match, null if none), if its tag is one the condition names (412 otherwise).
     */
    Mono<Void> delete(Actor actor, long userId, IfMatch condition) {
        return profiles.delete(userId, actor, condition == null || condition.any() ? null : condition.tags())
                .flatMap(deleted -> deleted > 0 ? Mono.<Void>empty() : whyNotWritten(actor, userId, condition));
    }

    /**
     * A guarded write wrote nothing: the user does not exist (404), is not the actor (403), has no profile (404, or
     * 412 under If-Match, which requires one), or its profile's tag is not one If-Match names (412).
     */
    private <T> Mono<T> whyNotWritten(Actor actor, long userId, IfMatch condition) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> Mono.error(
                        !actor.mayActAs(userId)
                                ? forbidden(userId)
                                : condition == null
                                        ? Problems.notFound("profile for user", userId)
                                        : preconditionFailed(userId, found.profile())));
    }

    private static ErrorResponseException preconditionFailed(long userId, TaggedProfile current) {
        return Problems.preconditionFailed(
                current == null
                        ? "User " + userId + " has no profile, and If-Match requires one"
                        : "The profile of user " + userId + " is at \"" + current.tag()
                                + "\", which If-Match does not name");
    }

    private static ErrorResponseException forbidden(long userId) {
        return Problems.forbidden("The profile of user " + userId + " is not yours to change");
    }
}

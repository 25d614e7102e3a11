package dev.postflux.profile;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.db.Writes;
import dev.postflux.common.error.Problems;
import dev.postflux.common.web.Preconditions.IfMatch;
import dev.postflux.profile.ProfileRepository.Stored;
import dev.postflux.profile.ProfileRepository.TaggedProfile;
import dev.postflux.security.Actor;
import java.util.function.Function;
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

    /** How often an unconditional PUT tries again after losing a race with another request's creation. */
    private static final int RACING_CREATION_ATTEMPTS = 3;

    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /**
     * Creates or replaces the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise).
     * 404 when the user does not exist, detected by the foreign key so that it holds against a racing delete. With
     * {@code ifMatch} (null if none), only an existing profile is replaced, and only if its tag is one the condition
     * names; with {@code createOnly} ({@code If-None-Match: *}), a profile is only created, never replaced (412
     * otherwise, in both cases).
     */
    Mono<Stored> put(Actor actor, long userId, PutProfileRequest profile, IfMatch ifMatch, boolean createOnly) {
        Mono<Stored> written;
        if (ifMatch != null && createOnly) {
            // One requires a profile, the other none: whichever the case, one of them fails.
            written = whyNotWritten(
                    actor,
                    userId,
                    current -> Problems.preconditionFailed(
                            "If-Match requires a profile and If-None-Match: * requires none"));
        } else if (createOnly) {
            written = create(actor, userId, profile);
        } else if (ifMatch != null) {
            written = replace(actor, userId, profile, ifMatch);
        } else {
            written = createOrReplace(actor, userId, profile, RACING_CREATION_ATTEMPTS);
        }
        return written.onErrorMap(DataIntegrityViolationException.class, e -> userGone(e, userId));
    }

    /** {@code If-None-Match: *}: creates the profile, or 412 when there is one. */
    private Mono<Stored> create(Actor actor, long userId, PutProfileRequest profile) {
        return Writes.oneStatement(profiles.create(userId, profile, actor))
                .map(created -> new Stored(created, true))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(
                        actor,
                        userId,
                        current -> Problems.preconditionFailed(
                                "User " + userId + " already has a profile, and If-None-Match: * requires none"))));
    }

    /** {@code If-Match}: replaces the profile if its tag is one the condition names; 412 otherwise, or if none. */
    private Mono<Stored> replace(Actor actor, long userId, PutProfileRequest profile, IfMatch ifMatch) {
        return Writes.oneStatement(profiles.replace(userId, profile, actor, ifMatch.required()))
                .map(replaced -> new Stored(replaced, false))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(
                        actor,
                        userId,
                        // With *, a profile found now was created since the replace found none.
                        current -> current == null || ifMatch.any()
                                ? Problems.preconditionFailed(
                                        "User " + userId + " has no profile, and If-Match requires one")
                                : tagNotNamed(userId, current))));
    }

    /**
     * The unconditional PUT. Its statement writes nothing when the actor may not, and also when another request
     * created the profile between the statement's update and its insert; then the next attempt sees that profile
     * and replaces it. Only a profile deleted and created again by others between every attempt exhausts them
     * (409: nothing was written, try again).
     */
    private Mono<Stored> createOrReplace(Actor actor, long userId, PutProfileRequest profile, int attempts) {
        return Writes.oneStatement(profiles.put(userId, profile, actor))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, userId, current -> null)))
                .switchIfEmpty(Mono.defer(() -> attempts > 1
                        ? createOrReplace(actor, userId, profile, attempts - 1)
                        : Mono.error(Problems.conflict(
                                "The profile of user " + userId + " was being created and deleted by other requests;"
                                        + " nothing was written, try again"))));
    }

    Mono<TaggedProfile> find(long userId) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> found.profile() == null ? Mono.error(noProfile(userId)) : Mono.just(found.profile()));
    }

    /**
     * Deletes the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise), and, with
     * {@code ifMatch} (null if none), if its tag is one the condition names (412 otherwise). A profile that is not
     * there is a 404 with or without a condition: a DELETE retried after its answer was lost learns that it is gone
     * (RFC 9110 section 13.2.1: conditions count only where the request would otherwise succeed).
     */
    Mono<Void> delete(Actor actor, long userId, IfMatch ifMatch) {
        return Writes.oneStatement(profiles.delete(userId, actor, ifMatch == null ? null : ifMatch.required()))
                .flatMap(deleted -> deleted > 0
                        ? Mono.<Void>empty()
                        : whyNotWritten(
                                actor,
                                userId,
                                // A profile found now, where the delete found none, was created since by a
                                // racing PUT: the delete still found nothing, unless it names tags to compare.
                                current -> current == null || ifMatch == null || ifMatch.any()
                                        ? noProfile(userId)
                                        : tagNotNamed(userId, current)));
    }

    /**
     * A guarded write wrote nothing: the user does not exist (404), is not the actor (403), or else
     * {@code whyRefused} of its current profile (null when it has none) tells; when that is null too, the write
     * was allowed and lost a race, and the answer is empty.
     */
    private <T> Mono<T> whyNotWritten(
            Actor actor, long userId, Function<TaggedProfile, ErrorResponseException> whyRefused) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> {
                    var refusal = actor.mayActAs(userId) ? whyRefused.apply(found.profile()) : forbidden(userId);
                    return refusal == null ? Mono.empty() : Mono.error(refusal);
                });
    }

    private static ErrorResponseException noProfile(long userId) {
        return Problems.notFound("profile for user", userId);
    }

    private static ErrorResponseException tagNotNamed(long userId, TaggedProfile current) {
        return Problems.preconditionFailed(
                "The profile of user " + userId + " is at \"" + current.tag() + "\", which If-Match does not name");
    }

    private static Throwable userGone(DataIntegrityViolationException error, long userId) {
        return Constraints.violated(error, "profiles_user_id_fkey") ? Problems.notFound("user", userId) : error;
    }

    private static ErrorResponseException forbidden(long userId) {
        return Problems.forbidden("The profile of user " + userId + " is not yours to change");
    }
}

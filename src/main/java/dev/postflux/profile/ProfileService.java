package dev.postflux.profile;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.error.Problems;
import dev.postflux.security.Actor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/** Profiles: one per user, created or replaced whole. */
@Service
public class ProfileService {

    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /**
     * Creates or replaces the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise).
     * 404 when the user does not exist, detected by the foreign key so that it holds against a racing delete.
     */
    public Mono<ProfileResponse> put(Actor actor, long userId, PutProfileRequest profile) {
        return profiles.upsert(userId, profile, actor)
                .switchIfEmpty(Mono.defer(() -> notYours(userId)))
                .map(ProfileResponse::from)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "profiles_user_id_fkey") ? Problems.notFound("user", userId) : e);
    }

    public Mono<ProfileResponse> find(long userId) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> found.profile() == null
                        ? Mono.error(Problems.notFound("profile for user", userId))
                        : Mono.just(ProfileResponse.from(found.profile())));
    }

    /** Deletes the profile of {@code userId}, if {@code actor} is that user or an admin (403 otherwise). */
    public Mono<Void> delete(Actor actor, long userId) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> profiles.delete(userId, actor))
                .flatMap(deleted -> deleted > 0
                        ? Mono.<Void>empty()
                        : Mono.<Void>error(
                                actor.mayActAs(userId)
                                        ? Problems.notFound("profile for user", userId)
                                        : forbidden(userId)));
    }

    /** The guarded upsert wrote nothing: the user does not exist (404) or is not the actor (403). */
    private Mono<Profile> notYours(long userId) {
        return profiles.findByUser(userId)
                .flatMap(found -> Mono.<Profile>error(forbidden(userId)))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)));
    }

    private static ErrorResponseException forbidden(long userId) {
        return Problems.forbidden("The profile of user " + userId + " is not yours to change");
    }
}

package dev.postflux.profile;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.error.Problems;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Profiles: one per user, created or replaced whole. */
@Service
public class ProfileService {

    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /** 404 when the user does not exist, detected by the foreign key so that it holds against a racing delete. */
    public Mono<ProfileResponse> put(long userId, PutProfileRequest profile) {
        return profiles.upsert(userId, profile)
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

    public Mono<Void> delete(long userId) {
        return profiles.findByUser(userId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", userId)))
                .flatMap(found -> profiles.delete(userId))
                .flatMap(deleted -> deleted == 0
                        ? Mono.<Void>error(Problems.notFound("profile for user", userId))
                        : Mono.<Void>empty());
    }
}

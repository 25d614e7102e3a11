package dev.postflux.profile;

import dev.postflux.security.Actor;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for profiles. */
@Repository
class ProfileRepository {

    /** Object-level authorization: a profile is changed only by its user or an admin. */
    private static final String OWNED = "(:actorIsAdmin OR :userId = :actor)";

    private final DatabaseClient db;

    ProfileRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Creates or replaces in one statement, so that concurrent PUTs cannot both insert; writes nothing (empty)
     * unless the actor is the user itself or an admin.
     */
    Mono<Profile> upsert(long userId, PutProfileRequest profile, Actor actor) {
        return db.sql("INSERT INTO profiles (user_id, bio, website) SELECT :userId, :bio, :website WHERE " + OWNED
                        + " ON CONFLICT (user_id) DO UPDATE SET bio = EXCLUDED.bio, website = EXCLUDED.website"
                        + " RETURNING user_id, bio, website")
                .bind("userId", userId)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class))
                .bind("bio", Parameter.fromOrEmpty(profile.bio(), String.class))
                .bind("website", Parameter.fromOrEmpty(profile.website(), String.class))
                .map(ProfileRepository::map)
                .one();
    }

    /** The user's profile; a row with a null profile when the user exists without one, empty when it does not. */
    Mono<UserProfile> findByUser(long userId) {
        return db.sql("SELECT u.id, p.user_id, p.bio, p.website FROM users u"
                        + " LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = :userId")
                .bind("userId", userId)
                .map(row -> new UserProfile(row.get("user_id", Long.class) == null ? null : map(row)))
                .one();
    }

    /** Deletes the profile if the actor is its user or an admin; the count of deleted rows. */
    Mono<Long> delete(long userId, Actor actor) {
        return db.sql("DELETE FROM profiles WHERE user_id = :userId AND " + OWNED)
                .bind("userId", userId)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class))
                .fetch()
                .rowsUpdated();
    }

    private static Profile map(Readable row) {
        return new Profile(
                row.get("user_id", Long.class), row.get("bio", String.class), row.get("website", String.class));
    }

    /** A user that exists, and its profile or null. */
    record UserProfile(Profile profile) {}
}

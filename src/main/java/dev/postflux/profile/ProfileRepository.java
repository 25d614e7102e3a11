package dev.postflux.profile;

import dev.postflux.security.Actor;
import io.r2dbc.spi.Readable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for profiles. */
@Repository
class ProfileRepository {

    /** Object-level authorization: a profile is changed only by its user or an admin. */
    private static final String OWNED = "(:actorIsAdmin OR :userId = :actor)";

    /**
     * A profile's entity tag, computed by PostgreSQL from its content (a profile has no version of its own, and a
     * deleted and re-created one must not get an old tag back), so that a conditional write compares it in the
     * same statement that writes. A row's text form quotes and escapes each field and writes null as nothing, so
     * different contents never give the same text.
     */
    private static final String TAG = "md5(CAST(row(p.bio, p.website) AS text))";

    private static final String RETURNING = " RETURNING p.user_id, p.bio, p.website, " + TAG + " AS etag";

    private final DatabaseClient db;

    ProfileRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Replaces the profile, or creates it when there is none, in one statement, and says which it did (a PUT that
     * creates answers 201). Empty when the actor is neither the user itself nor an admin, and also when another
     * request created the profile between this statement's update and its insert: the next statement sees that
     * profile and replaces it.
     */
    Mono<Stored> put(long userId, PutProfileRequest profile, Actor actor) {
        return db.sql("WITH replaced AS (UPDATE profiles AS p SET bio = :bio, website = :website WHERE p.user_id ="
                        + " :userId AND " + OWNED + RETURNING + ", false AS created), inserted AS (INSERT INTO profiles"
                        + " AS p (user_id, bio, website) SELECT :userId, :bio, :website WHERE " + OWNED
                        + " AND NOT EXISTS (SELECT 1 FROM replaced) ON CONFLICT (user_id) DO NOTHING" + RETURNING
                        + ", true AS created) SELECT * FROM replaced UNION ALL SELECT * FROM inserted")
                .bind("userId", userId)
                .bindValues(guardAndFields(actor, profile))
                .map(row -> new Stored(tagged(row), row.get("created", Boolean.class)))
                .one();
    }

    /**
     * Creates the profile if the user has none ({@code If-None-Match: *}); empty when it has one, or the actor is
     * neither the user itself nor an admin.
     */
    Mono<TaggedProfile> create(long userId, PutProfileRequest profile, Actor actor) {
        return db.sql("INSERT INTO profiles AS p (user_id, bio, website) SELECT :userId, :bio, :website WHERE " + OWNED
                        + " ON CONFLICT (user_id) DO NOTHING" + RETURNING)
                .bind("userId", userId)
                .bindValues(guardAndFields(actor, profile))
                .map(ProfileRepository::tagged)
                .one();
    }

    /**
     * Replaces an existing profile whose tag is one of {@code tags} (any tag when null); writes nothing (empty) when
     * there is no profile, its tag is another, or the actor is neither the user itself nor an admin.
     */
    Mono<TaggedProfile> replace(long userId, PutProfileRequest profile, Actor actor, List<String> tags) {
        return withTags(
                        db.sql("UPDATE profiles AS p SET bio = :bio, website = :website WHERE p.user_id = :userId AND "
                                        + OWNED + tagCondition(tags) + RETURNING)
                                .bind("userId", userId)
                                .bindValues(guardAndFields(actor, profile)),
                        tags)
                .map(ProfileRepository::tagged)
                .one();
    }

    /** The user's profile; a row with a null profile when the user exists without one, empty when it does not. */
    Mono<UserProfile> findByUser(long userId) {
        return db.sql("SELECT u.id, p.user_id, p.bio, p.website, " + TAG + " AS etag FROM users u"
                        + " LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = :userId")
                .bind("userId", userId)
                .map(row -> new UserProfile(row.get("user_id", Long.class) == null ? null : tagged(row)))
                .one();
    }

    /**
     * Deletes the profile if the actor is its user or an admin, and its tag is one of {@code tags} (any tag when
     * null); the count of deleted rows.
     */
    Mono<Long> delete(long userId, Actor actor, List<String> tags) {
        return withTags(
                        db.sql("DELETE FROM profiles AS p WHERE p.user_id = :userId AND " + OWNED + tagCondition(tags))
                                .bind("userId", userId)
                                .bindValues(guard(actor)),
                        tags)
                .fetch()
                .rowsUpdated();
    }

    /** The values of {@link #OWNED} but the user's id: who writes. */
    private static Map<String, Object> guard(Actor actor) {
        return Map.of("actorIsAdmin", actor.admin(), "actor", Parameter.fromOrEmpty(actor.userId(), Long.class));
    }

    /** Who writes, and the profile's fields. */
    private static Map<String, Object> guardAndFields(Actor actor, PutProfileRequest profile) {
        var values = new HashMap<>(guard(actor));
        values.put("bio", Parameter.fromOrEmpty(profile.bio(), String.class));
        values.put("website", Parameter.fromOrEmpty(profile.website(), String.class));
        return values;
    }

    /** The condition on the profile's current tag: none when {@code tags} is null (any tag will do). */
    private static String tagCondition(List<String> tags) {
        return tags == null ? "" : " AND " + TAG + " = ANY(:tags)";
    }

    private static DatabaseClient.GenericExecuteSpec withTags(
            DatabaseClient.GenericExecuteSpec spec, List<String> tags) {
        return tags == null ? spec : spec.bind("tags", tags.toArray(String[]::new));
    }

    private static TaggedProfile tagged(Readable row) {
        return new TaggedProfile(
                new Profile(
                        row.get("user_id", Long.class), row.get("bio", String.class), row.get("website", String.class)),
                row.get("etag", String.class));
    }

    /** A profile with its entity tag (without quotes). */
    record TaggedProfile(Profile profile, String tag) {}

    /** A profile as a PUT left it: created by that PUT, or replaced. */
    record Stored(TaggedProfile profile, boolean created) {}

    /** A user that exists, and its profile or null. */
    record UserProfile(TaggedProfile profile) {}
}

package dev.postflux.user;

import dev.postflux.common.db.ColumnReader;
import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.post.EmbeddedPosts;
import dev.postflux.post.PostResponse;
import dev.postflux.security.Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for users. Lists are keyset-paged on (created_at, id), matching the indexes in V1__create_users.sql. */
@Repository
class UserRepository {

    /** Object-level authorization: a user row is changed only by itself or an admin. */
    private static final String OWNED = "(:actorIsAdmin OR id = :actor)";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<User> insert(CreateUserRequest user) {
        return db.sql("INSERT INTO users (name, email, role) VALUES (:name, :email, :role)" + UserColumns.RETURNING)
                .bind("name", user.name())
                .bind("email", user.email())
                .bind("role", user.role().value())
                .map((row, metadata) -> UserColumns.map(row, UserColumns.WRITTEN))
                .one();
    }

    Mono<User> findById(long id, FieldSelection selection) {
        return db.sql("SELECT " + UserColumns.selectList(selection) + " FROM " + UserColumns.from(selection)
                        + " WHERE u.id = :id")
                .bind("id", id)
                .map((row, metadata) -> UserColumns.map(row, selection))
                .one();
    }

    /**
     * The user with its newest {@code posts} posts, in one statement: one row per post (one with no post columns
     * for a user without posts), the user's columns repeated on each. Empty when there is no such user.
     */
    Flux<UserWithPost> findWithRecentPosts(long id, FieldSelection selection, int posts) {
        return db.sql("SELECT " + UserColumns.selectList(selection) + ", " + EmbeddedPosts.COLUMNS + " FROM "
                        + UserColumns.from(selection) + EmbeddedPosts.join("u.id") + " WHERE u.id = :id"
                        + EmbeddedPosts.ORDER)
                .bind("id", id)
                .bind("posts", posts)
                .map((row, metadata) -> {
                    var columns = new ColumnReader(row, selection);
                    User user = UserColumns.read(columns);
                    return new UserWithPost(user, EmbeddedPosts.read(row, columns.position()));
                })
                .all();
    }

    /** One row of {@link #findWithRecentPosts}: the user, and one of its posts or null. */
    record UserWithPost(User user, PostResponse post) {}

    /** Up to {@code limit} users after {@code after}, newest first, optionally of one role. */
    Flux<User> page(Role role, Cursor after, int limit, FieldSelection selection) {
        var sql = new StringBuilder("SELECT ")
                .append(UserColumns.selectList(selection))
                .append(" FROM ")
                .append(UserColumns.from(selection))
                .append(" WHERE TRUE");
        Map<String, Object> binds = new HashMap<>();
        if (role != null) {
            sql.append(" AND u.role = :role");
            binds.put("role", role.value());
        }
        if (after != null) {
            sql.append(" AND (u.created_at, u.id) < (:afterCreatedAt, :afterId)");
            binds.put("afterCreatedAt", after.createdAt());
            binds.put("afterId", after.id());
        }
        sql.append(" ORDER BY u.created_at DESC, u.id DESC LIMIT :limit");
        binds.put("limit", limit);
        return db.sql(sql.toString())
                .bindValues(binds)
                .map((row, metadata) -> UserColumns.map(row, selection))
                .all();
    }

    /**
     * Applies the fields present in {@code change}; empty when the user is gone, its version moved on, the actor is
     * neither the user itself nor an admin, or a non-admin names a role other than the user's. A non-admin may send
     * the user's current role back unchanged (a client that PATCHes the representation it read), never another.
     */
    Mono<User> update(long id, UpdateUserRequest change, List<Integer> expectedVersions, Actor actor) {
        var spec = db.sql("UPDATE users SET name = COALESCE(:name, name), email = COALESCE(:email, email),"
                        + " role = COALESCE(:role, role)"
                        // A non-admin's write matches only when it names no role or the one stored.
                        + " WHERE id = :id AND " + OWNED + " AND (:actorIsAdmin OR role = COALESCE(:role, role))"
                        + (expectedVersions == null ? "" : " AND version = ANY(:versions)") + UserColumns.RETURNING)
                .bind("id", id)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class))
                .bind("name", Parameter.fromOrEmpty(change.name(), String.class))
                .bind("email", Parameter.fromOrEmpty(change.email(), String.class))
                .bind(
                        "role",
                        Parameter.fromOrEmpty(
                                change.role() == null ? null : change.role().value(), String.class));
        if (expectedVersions != null) {
            spec = spec.bind("versions", expectedVersions.toArray(Integer[]::new));
        }
        return spec.map((row, metadata) -> UserColumns.map(row, UserColumns.WRITTEN))
                .one();
    }

    /** Deletes the user if the actor may; its posts, profile and tag links go with it (ON DELETE CASCADE). */
    Mono<Long> delete(long id, List<Integer> expectedVersions, Actor actor) {
        var spec = db.sql("DELETE FROM users WHERE id = :id AND " + OWNED
                        + (expectedVersions == null ? "" : " AND version = ANY(:versions)") + " RETURNING id")
                .bind("id", id)
                .bind("actorIsAdmin", actor.admin())
                .bind("actor", Parameter.fromOrEmpty(actor.userId(), Long.class));
        if (expectedVersions != null) {
            spec = spec.bind("versions", expectedVersions.toArray(Integer[]::new));
        }
        return spec.map((row, metadata) -> row.get("id", Long.class)).one();
    }

    /** What a guarded write checks of the user: empty when it is gone. */
    Mono<Guarded> guarded(long id) {
        return db.sql("SELECT version, role FROM users WHERE id = :id")
                .bind("id", id)
                .map((row, metadata) -> new Guarded(row.get(0, Integer.class), Role.of(row.get(1, String.class))))
                .one();
    }

    /** A user's version and role, as they are when a guarded write matched no row. */
    record Guarded(int version, Role role) {}
}

package dev.postflux.user;

import dev.postflux.common.db.Rows;
import dev.postflux.common.db.SelectList;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.profile.Profile;
import io.r2dbc.spi.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user attributes a client can name and the SQL that selects each; select lists are assembled only from these
 * constants. The profile (hasOne) is eager-loaded by a join in the same statement.
 */
final class UserColumns {

    static final List<String> ATTRIBUTES = List.of("id", "name", "email", "role", "version", "createdAt", "updatedAt");
    static final List<String> RELATIONS = List.of("profile", "posts");
    static final String RETURNING = " RETURNING id, name, email, role, version, created_at, updated_at";

    private static final List<String> KEYS = List.of("u.id", "u.created_at");
    private static final Map<String, String> SQL = new LinkedHashMap<>();

    static {
        SQL.put("name", "u.name");
        SQL.put("email", "u.email");
        SQL.put("role", "u.role");
        SQL.put("version", "u.version");
        SQL.put("updatedAt", "u.updated_at");
        SQL.put("profile", "pr.user_id AS profile_user_id, pr.bio AS profile_bio, pr.website AS profile_website");
    }

    private UserColumns() {}

    /** {@code u.id} and {@code u.created_at} are always selected: they are the keyset cursor and the join key. */
    static String selectList(FieldSelection selection) {
        return SelectList.of(KEYS, SQL, selection);
    }

    static String from(FieldSelection selection) {
        return selection.includes("profile") ? "users u LEFT JOIN profiles pr ON pr.user_id = u.id" : "users u";
    }

    static User map(Row row) {
        Long profileUserId = Rows.get(row, "profile_user_id", Long.class);
        var profile = profileUserId == null
                ? null
                : new Profile(
                        profileUserId,
                        Rows.get(row, "profile_bio", String.class),
                        Rows.get(row, "profile_website", String.class));
        return new User(
                Rows.get(row, "id", Long.class),
                Rows.get(row, "name", String.class),
                Rows.get(row, "email", String.class),
                Role.of(Rows.get(row, "role", String.class)),
                Rows.get(row, "version", Integer.class),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"),
                profile);
    }
}

package dev.postflux.user;

import dev.postflux.common.db.ColumnReader;
import dev.postflux.common.db.SelectList;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.profile.Profile;
import io.r2dbc.spi.Row;
import java.time.Instant;
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
    /** What INSERT and UPDATE return, in select-list order: the user's own columns. */
    static final FieldSelection WRITTEN = FieldSelection.all(ATTRIBUTES, List.of());

    static final String RETURNING = " RETURNING id, created_at, name, email, role, version, updated_at";

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

    /** Reads a row of {@link #selectList(FieldSelection)} for the same selection. */
    static User map(Row row, FieldSelection selection) {
        return read(new ColumnReader(row, selection));
    }

    /** Reads the user's columns from where {@code columns} stands, leaving it at the first column after them. */
    static User read(ColumnReader columns) {
        Long id = columns.next(Long.class);
        Instant createdAt = columns.next(Instant.class);
        String name = columns.next("name", String.class);
        String email = columns.next("email", String.class);
        Role role = Role.of(columns.next("role", String.class));
        Integer version = columns.next("version", Integer.class);
        Instant updatedAt = columns.next("updatedAt", Instant.class);
        Profile profile = null;
        if (columns.includes("profile")) {
            Long profileUserId = columns.next(Long.class);
            String bio = columns.next(String.class);
            String website = columns.next(String.class);
            profile = profileUserId == null ? null : new Profile(profileUserId, bio, website);
        }
        return new User(id, name, email, role, version, createdAt, updatedAt, profile);
    }
}

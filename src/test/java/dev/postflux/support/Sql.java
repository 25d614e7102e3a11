package dev.postflux.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Fixtures and checks in plain SQL over JDBC, independent of the code under test. Runs on the test thread, never
 * on an event loop.
 */
public final class Sql {

    private final JdbcTemplate jdbc;

    public Sql() {
        var location = TestDatabase.location();
        var dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), location.jdbcUrl(), location.username(), location.password());
        this.jdbc = new JdbcTemplate(dataSource);
        // A fixture blocked on a lock the server holds (a connection left in a transaction) fails the test with a
        // timeout instead of hanging the build.
        this.jdbc.setQueryTimeout(30);
    }

    public void truncateAll() {
        jdbc.execute("TRUNCATE users, posts, profiles, tags, post_tags RESTART IDENTITY CASCADE");
    }

    public long insertUser(String name, String email, String role) {
        return jdbc.queryForObject(
                "INSERT INTO users (name, email, role) VALUES (?, ?, ?) RETURNING id", Long.class, name, email, role);
    }

    public long insertUser(String name, String email, String role, Instant createdAt) {
        return jdbc.queryForObject(
                "INSERT INTO users (name, email, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                name,
                email,
                role,
                Timestamp.from(createdAt),
                Timestamp.from(createdAt));
    }

    public long insertPost(long authorId, String title, Instant createdAt) {
        return jdbc.queryForObject(
                "INSERT INTO posts (author_id, title, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                Long.class,
                authorId,
                title,
                Timestamp.from(createdAt),
                Timestamp.from(createdAt));
    }

    /**
     * Inserts {@code count} posts of one author in one statement, one millisecond apart, with the change
     * notification triggers off (bulk fixtures should not flood the event channel).
     */
    public void insertPosts(long authorId, int count, Instant firstCreatedAt) {
        jdbc.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, body, created_at, updated_at)"
                + " SELECT " + authorId + ", 'Post ' || g, 'Body of post ' || g,"
                + " timestamptz '" + firstCreatedAt + "' + g * interval '1 millisecond',"
                + " timestamptz '" + firstCreatedAt + "' + g * interval '1 millisecond'"
                + " FROM generate_series(1, " + count + ") g; COMMIT;");
    }

    /** Inserts {@code count} users in one statement, one millisecond apart, without change notifications. */
    public void insertUsers(int count, Instant firstCreatedAt) {
        jdbc.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO users (name, email, role, created_at, updated_at)"
                + " SELECT 'User ' || g, 'user' || g || '@example.com', CASE WHEN g % 10 = 0 THEN 'admin' ELSE 'member' END,"
                + " timestamptz '" + firstCreatedAt + "' + g * interval '1 millisecond',"
                + " timestamptz '" + firstCreatedAt + "' + g * interval '1 millisecond'"
                + " FROM generate_series(1, " + count + ") g; COMMIT;");
    }

    public void tag(long postId, String... names) {
        for (String name : names) {
            jdbc.update("INSERT INTO tags (name) VALUES (?) ON CONFLICT DO NOTHING", name);
            jdbc.update("INSERT INTO post_tags (post_id, tag_id) SELECT ?, id FROM tags WHERE name = ?", postId, name);
        }
    }

    public void insertProfile(long userId, String bio, String website) {
        jdbc.update("INSERT INTO profiles (user_id, bio, website) VALUES (?, ?, ?)", userId, bio, website);
    }

    public long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    public <T> T queryForObject(String sql, Class<T> type, Object... arguments) {
        return jdbc.queryForObject(sql, type, arguments);
    }

    public <T> List<T> queryForList(String sql, Class<T> type, Object... arguments) {
        return jdbc.queryForList(sql, type, arguments);
    }

    public void execute(String sql) {
        jdbc.execute(sql);
    }

    /** Whether a statement of the server under test is waiting for a lock that another transaction holds. */
    public boolean serverWaitsForALock() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'postflux'"
                                + " AND wait_event_type = 'Lock'",
                        Long.class)
                > 0;
    }

    /**
     * A connection of its own inside an open transaction, for a test that must hold a lock while the server
     * writes; the caller commits or rolls back, and closes it.
     */
    public java.sql.Connection openTransaction() throws java.sql.SQLException {
        var location = TestDatabase.location();
        var connection =
                java.sql.DriverManager.getConnection(location.jdbcUrl(), location.username(), location.password());
        connection.setAutoCommit(false);
        return connection;
    }
}

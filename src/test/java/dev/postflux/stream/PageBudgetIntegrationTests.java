package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.user.UserService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rows that grow all at once (small ones first, then the largest a post may be) cannot fill the page already asked
 * for: a page stops at {@code page-bytes} characters of text. Seen from the page queries' cursors: the rows between
 * one page's cursor and the next are what that page held.
 */
class PageBudgetIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000Z");
    /** The longest body a post may have (V2__create_posts.sql). */
    private static final int LONGEST_BODY = 50_000;
    /** Beyond every id of these tests. */
    private static final long PAST_THE_END = 10_000;

    @Autowired
    StreamingProperties properties;

    @Test
    void aPageOfPostsStopsAtItsBudgetWhenRowsGrowAllAtOnce() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        // Newest first: 500 small posts, then 300 of the longest body (ids 501-800), then 500 small again.
        sql.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, body, created_at, updated_at)"
                + " SELECT " + ada + ", 'Post ' || g, CASE WHEN g BETWEEN 501 AND 800 THEN repeat('x', "
                + LONGEST_BODY + ") END,"
                + " timestamptz '" + T0 + "' + g * interval '1 millisecond',"
                + " timestamptz '" + T0 + "' + g * interval '1 millisecond'"
                + " FROM generate_series(1, 1300) g; COMMIT;");
        statements.clear();

        assertThat(ids(ndjson("/posts"))).isEqualTo(newestFirst(1300));

        LongPredicate large = id -> id >= 501 && id <= 800;
        assertThat(largeRowsPerPage(cursorIds("FROM posts p"), large))
                .as("posts of %d characters each page held", LONGEST_BODY)
                .isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(rowsReachingTheBudget(LONGEST_BODY)));
    }

    @Test
    void aPageOfUsersWithTheirPostsStopsAtItsBudgetAfterAWholeUser() {
        sql.insertUsers(200, T0);
        // Newest first: 100 users with one short post each, then 100 (ids 1-100) with three of the longest body.
        sql.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, body, created_at, updated_at)"
                + " SELECT u.id, 'Post ' || n, CASE WHEN u.id <= 100 THEN repeat('x', " + LONGEST_BODY + ") END,"
                + " u.created_at, u.created_at"
                + " FROM users u CROSS JOIN generate_series(1, 3) n WHERE u.id <= 100 OR n = 1; COMMIT;");
        statements.clear();

        var users = ndjson("/users?include=posts");

        assertThat(ids(users)).isEqualTo(newestFirst(200));
        assertThat(users)
                .allSatisfy(user -> assertThat((List<?>) user.get("posts"))
                        .hasSize(((Number) user.get("id")).longValue() <= 100 ? 3 : 1));
        assertThat(statements.pageLimits("FROM users u"))
                .as("users asked for by each page: their posts come with them")
                .allSatisfy(limit ->
                        assertThat(limit).isLessThanOrEqualTo(properties.pageSize() / UserService.EMBEDDED_POSTS));
        LongPredicate large = id -> id <= 100;
        assertThat(largeRowsPerPage(cursorIds("FROM users u"), large))
                .as("users with %d characters of posts each page held", 3 * LONGEST_BODY)
                .isNotEmpty()
                .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(rowsReachingTheBudget(3 * LONGEST_BODY)));
    }

    /** Rows of this many characters that reach the budget: the one that reaches it is the page's last. */
    private long rowsReachingTheBudget(long characters) {
        return (properties.pageBytes().toBytes() + characters - 1) / characters;
    }

    /**
     * The large rows of each page of a stream read to its end: a page holds the rows from the cursor it was asked
     * with (exclusive) to the cursor the next page is asked with (inclusive), the last page the rest down to id 1;
     * ids here run down with the list's order.
     */
    private static List<Long> largeRowsPerPage(List<Long> cursors, LongPredicate large) {
        List<Long> bounds = new ArrayList<>(cursors);
        bounds.add(1L);
        List<Long> perPage = new ArrayList<>();
        for (int page = 0; page + 1 < bounds.size(); page++) {
            perPage.add(LongStream.range(bounds.get(page + 1), bounds.get(page))
                    .filter(large)
                    .count());
        }
        return perPage;
    }

    /** The id of the cursor each page query of this list was asked with; the first page's (none) past the end. */
    private List<Long> cursorIds(String from) {
        return statements.pageQueries(from).stream()
                .map(values -> values.size() >= 3 // created_at, id, LIMIT: the id is the one before the LIMIT
                        ? ((Number) values.get(values.size() - 2)).longValue()
                        : PAST_THE_END)
                .toList();
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> ((Number) row.get("id")).longValue()).toList();
    }

    private static List<Long> newestFirst(long count) {
        return LongStream.rangeClosed(1, count)
                .map(id -> count + 1 - id)
                .boxed()
                .toList();
    }
}

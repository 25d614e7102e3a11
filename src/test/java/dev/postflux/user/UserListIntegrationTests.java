package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserListIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000Z");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void listsNewestFirstWithTheDefaultLimitOfTwenty() {
        for (int i = 0; i < 25; i++) {
            sql.insertUser("User " + i, "user" + i + "@example.com", "member", T0.plusSeconds(i));
        }

        http.get()
                .uri("/users")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.LINK, "</users\\?after=[A-Za-z0-9_-]+>; rel=\"next\"")
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(20)
                .jsonPath("$[0].name")
                .isEqualTo("User 24")
                .jsonPath("$[19].name")
                .isEqualTo("User 5")
                .jsonPath("$[0].posts")
                .doesNotExist()
                .jsonPath("$[0].profile")
                .doesNotExist();
    }

    @Test
    void breaksTimestampTiesByIdDescending() {
        long first = sql.insertUser("First", "first@example.com", "member", T0);
        long second = sql.insertUser("Second", "second@example.com", "member", T0);

        http.get().uri("/users").exchange().expectBody().jsonPath("$[*].id").isEqualTo(List.of((int) second, (int)
                first));
    }

    @Test
    void filtersByRole() {
        sql.insertUser("Admin", "admin@example.com", "admin");
        sql.insertUser("Member", "member@example.com", "member");

        http.get()
                .uri("/users?role=admin")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].role")
                .isEqualTo("admin");
    }

    @Test
    void omitsTheNextLinkOnTheLastPage() {
        sql.insertUser("Only", "only@example.com", "member");

        http.get()
                .uri("/users?limit=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1);
    }

    @Test
    void rejectsInvalidQueryParameters() {
        for (String query : List.of(
                "limit=0",
                "limit=101",
                "limit=ten",
                "role=root",
                "after=not-a-cursor",
                "include=comments",
                "fields=",
                "sort=name",
                "limit=1&limit=2")) {
            http.get()
                    .uri("/users?" + query)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors")
                    .isNotEmpty();
        }
    }

    @Test
    void embedsPostsOfAWholePageWithOneBatchedQuery() {
        for (int i = 0; i < 10; i++) {
            long user = sql.insertUser("User " + i, "user" + i + "@example.com", "member", T0.plusSeconds(i));
            sql.insertPost(user, "Post of " + i, T0.plusSeconds(100 + i));
            sql.insertPost(user, "Another of " + i, T0.plusSeconds(200 + i));
        }

        http.get()
                .uri("/users?include=posts,profile")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(10)
                .jsonPath("$[0].posts[*].title")
                .isEqualTo(List.of("Another of 9", "Post of 9"))
                .jsonPath("$[9].posts[*].title")
                .isEqualTo(List.of("Another of 0", "Post of 0"));

        assertThat(statements.queries())
                .as("one query for the page, one for all its posts")
                .hasSize(2);
    }

    @Test
    void nextLinksKeepTheFiltersAndTheSelection() {
        for (int i = 0; i < 5; i++) {
            sql.insertUser("Admin " + i, "admin" + i + "@example.com", "admin", T0.plusSeconds(i));
            sql.insertUser("Member " + i, "member" + i + "@example.com", "member", T0.plusSeconds(i));
        }
        List<String> names = new ArrayList<>();
        String next = "/users?role=admin&limit=2&fields=name,role&include=profile";
        while (next != null) {
            var page = page(next);
            for (Map<String, Object> user : page.rows()) {
                assertThat(user)
                        .containsEntry("role", "admin")
                        .containsKey("profile")
                        .doesNotContainKey("email");
                names.add((String) user.get("name"));
            }
            next = page.next();
            if (next != null) {
                assertThat(next).contains("role=admin", "limit=2", "fields=name,role", "include=profile");
            }
        }
        assertThat(names).containsExactly("Admin 4", "Admin 3", "Admin 2", "Admin 1", "Admin 0");
    }

    @Test
    void followingNextLinksVisitsEveryRowExactlyOnceWhileRowsAreInserted() throws Exception {
        for (int i = 0; i < 95; i++) {
            sql.insertUser("Existing " + i, "existing" + i + "@example.com", "member", T0.plusSeconds(i));
        }
        var stop = new AtomicBoolean();
        var inserter = Executors.newSingleThreadExecutor();
        var inserts = inserter.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                sql.insertUser("New " + i, "new" + i + "@example.com", "member");
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            String next = "/users?limit=7";
            while (next != null) {
                var page = page(next);
                assertThat(page.rows()).hasSizeLessThanOrEqualTo(7);
                page.rows().forEach(user -> seen.add((String) user.get("name")));
                next = page.next();
                assertThat(next)
                        .as("the next link keeps the page size")
                        .satisfiesAnyOf(
                                link0 -> assertThat(link0).isNull(),
                                link0 -> assertThat(link0).contains("limit=7"));
            }
        } finally {
            stop.set(true);
            inserter.shutdown();
            assertThat(inserter.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        inserts.get(); // the inserter's own failure, if any
        assertThat(sql.queryForObject("SELECT count(*) FROM users WHERE name LIKE 'New %'", Long.class))
                .as("rows inserted during the walk")
                .isPositive();

        assertThat(new HashSet<>(seen)).as("no row twice").hasSize(seen.size());
        assertThat(seen)
                .as("every row that existed before the walk")
                .containsAll(java.util.stream.IntStream.range(0, 95)
                        .mapToObj(i -> "Existing " + i)
                        .toList());
    }

    private record Page(List<Map<String, Object>> rows, String next) {}

    /** One page of a list, and the URI of the next one (its Link rel="next"), null after the last. */
    private Page page(String uri) {
        var result = http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult();
        String link = result.getResponseHeaders().getFirst(HttpHeaders.LINK);
        var matcher = link == null ? null : NEXT.matcher(link);
        return new Page(result.getResponseBody(), matcher != null && matcher.find() ? matcher.group(1) : null);
    }
}

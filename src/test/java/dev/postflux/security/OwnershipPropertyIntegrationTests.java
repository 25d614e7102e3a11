package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * A property: whatever random writes random users make, nobody but an admin ever changes a row it does not own
 * (users own themselves, their posts and their profile), nobody but an admin ever changes a role, and a member
 * touching another's row is told 403 or 404. Each run starts from a fresh world and plays random operations; a
 * failure names its seed, and {@code -Dpostflux.property.seed=<seed>} replays it.
 */
class OwnershipPropertyIntegrationTests extends IntegrationTest {

    private static final int RUNS = 12;
    private static final int OPERATIONS = 30;

    @Test
    void nobodyEverChangesWhatItDoesNotOwn() {
        long seed = Long.getLong("postflux.property.seed", System.nanoTime());
        var seeds = new Random(seed);
        for (int run = 0; run < RUNS; run++) {
            play(seeds.nextLong());
        }
    }

    private void play(long seed) {
        sql.truncateAll();
        var random = new Random(seed);
        List<Actor> actors = world(random);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            Actor actor = actors.get(random.nextInt(actors.size()));
            Operation operation = Operation.random(random, actor);
            Map<String, Row> before = snapshot();
            int status = operation.send(actor.admin() ? as(Tokens.admin(actor.userId())) : as(member(actor)));
            log.add(actor + " " + operation + " -> " + status);
            String context = "seed " + seed + ", operations:\n  " + String.join("\n  ", log);
            checkNothingForeignChanged(actor, before, snapshot(), context);
            checkRefusal(actor, operation, before, status, context);
        }
    }

    private static String member(Actor actor) {
        return Tokens.member(actor.userId());
    }

    /** Four users (the first an admin), each with a post or two, some with a profile. */
    private static List<Actor> world(Random random) {
        List<Actor> actors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean admin = i == 0;
            long id = sql.insertUser("User " + i, "user" + i + "@example.com", admin ? "admin" : "member");
            for (int p = 0; p <= random.nextInt(2); p++) {
                sql.tag(sql.insertPost(id, "Post " + i + "." + p, Instant.now()), "t" + p);
            }
            if (random.nextBoolean()) {
                sql.insertProfile(id, "Bio " + i, null);
            }
            actors.add(new Actor(id, admin));
        }
        return actors;
    }

    private static void checkNothingForeignChanged(
            Actor actor, Map<String, Row> before, Map<String, Row> after, String context) {
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Row old = before.get(key);
            Row now = after.get(key);
            if (old != null && old.equals(now)) {
                continue;
            }
            boolean signUp = old == null && key.startsWith("user:");
            if (signUp) {
                assertThat(actor.admin() || !now.state().contains("|admin|"))
                        .as("%s created an admin (%s)", actor, context)
                        .isTrue();
                continue;
            }
            long owner = (now != null ? now : old).owner();
            assertThat(actor.mayActAs(owner))
                    .as("%s changed %s of user %s: %s -> %s (%s)", actor, key, owner, old, now, context)
                    .isTrue();
            if (old != null && now != null && key.startsWith("user:")) {
                assertThat(actor.admin() || old.role().equals(now.role()))
                        .as("%s changed a role: %s -> %s (%s)", actor, old, now, context)
                        .isTrue();
            }
        }
    }

    /** A member writing to another's existing row, or naming another role, must be refused (403 or 404). */
    private static void checkRefusal(
            Actor actor, Operation operation, Map<String, Row> before, int status, String context) {
        Row target = before.get(operation.targetKey());
        if (actor.admin() || target == null || operation.method() == HttpMethod.POST && !operation.isPostCreation()) {
            return;
        }
        if (!actor.mayActAs(target.owner()) || operation.changesRole(target)) {
            assertThat(status).as("%s %s (%s)", actor, operation, context).isIn(403, 404);
        }
    }

    private static Map<String, Row> snapshot() {
        Map<String, Row> rows = new HashMap<>();
        sql.queryForList(
                        "SELECT 'user:' || id || '~' || id || '~' || name || '|' || email || '|' || role || '|' || version"
                                + " FROM users",
                        String.class)
                .forEach(row -> put(rows, row));
        sql.queryForList(
                        "SELECT 'post:' || p.id || '~' || p.author_id || '~' || p.title || '|' || COALESCE(p.body, '')"
                                + " || '|' || p.version || '|' || COALESCE((SELECT string_agg(t.name, ',' ORDER BY t.name)"
                                + " FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '')"
                                + " FROM posts p",
                        String.class)
                .forEach(row -> put(rows, row));
        sql.queryForList(
                        "SELECT 'profile:' || user_id || '~' || user_id || '~' || COALESCE(bio, '') || '|'"
                                + " || COALESCE(website, '') FROM profiles",
                        String.class)
                .forEach(row -> put(rows, row));
        return rows;
    }

    private static void put(Map<String, Row> rows, String encoded) {
        String[] parts = encoded.split("~", 3);
        rows.put(parts[0], new Row(Long.parseLong(parts[1]), parts[2]));
    }

    /** A row's owner (a user id) and everything else about it, as text. */
    record Row(long owner, String state) {

        String role() {
            return state.split("\\|")[2];
        }
    }

    /** One random write: what it targets, and how to send it. */
    record Operation(HttpMethod method, String path, Map<String, Object> body, String targetKey) {

        static Operation random(Random random, Actor actor) {
            long user = 1 + random.nextInt(5);
            long post = 1 + random.nextInt(10);
            String word = "w" + random.nextInt(1000);
            return switch (random.nextInt(10)) {
                case 0 -> new Operation(HttpMethod.PATCH, "/users/" + user, Map.of("name", word), "user:" + user);
                case 1 ->
                    new Operation(
                            HttpMethod.PATCH,
                            "/users/" + user,
                            Map.of("role", random.nextBoolean() ? "admin" : "member"),
                            "user:" + user);
                case 2 -> new Operation(HttpMethod.DELETE, "/users/" + user, null, "user:" + user);
                case 3 ->
                    new Operation(
                            HttpMethod.POST,
                            "/users/" + user + "/posts",
                            Map.of("title", word, "tags", List.of("x")),
                            "user:" + user);
                case 4 ->
                    new Operation(
                            HttpMethod.PATCH,
                            "/posts/" + post,
                            Map.of("title", word, "tags", List.of(word)),
                            "post:" + post);
                case 5 -> new Operation(HttpMethod.DELETE, "/posts/" + post, null, "post:" + post);
                case 6 ->
                    new Operation(HttpMethod.PUT, "/users/" + user + "/profile", Map.of("bio", word), "user:" + user);
                case 7 -> new Operation(HttpMethod.DELETE, "/users/" + user + "/profile", null, "user:" + user);
                case 8 ->
                    new Operation(
                            HttpMethod.POST,
                            "/users",
                            Map.of(
                                    "name",
                                    word,
                                    "email",
                                    word + "." + random.nextInt(1_000_000) + "@example.com",
                                    "role",
                                    random.nextBoolean() ? "admin" : "member"),
                            "none");
                default -> new Operation(HttpMethod.PATCH, "/posts/" + post, Map.of("body", word), "post:" + post);
            };
        }

        int send(org.springframework.test.web.reactive.server.WebTestClient client) {
            var request = client.method(method).uri(path);
            if (random(path)) {
                request.header(HttpHeaders.IF_MATCH, "*");
            }
            var response = body == null
                    ? request.exchange()
                    : request.contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body)
                            .exchange();
            // expectBody() reads the whole body, so that every response is released and its connection reused.
            return response.expectBody().returnResult().getStatus().value();
        }

        boolean isPostCreation() {
            return path.endsWith("/posts");
        }

        /** A PATCH naming a role other than the target user's: sending the current role back changes nothing. */
        boolean changesRole(Row target) {
            return body != null
                    && body.containsKey("role")
                    && method == HttpMethod.PATCH
                    && !body.get("role").equals(target.role());
        }

        private static boolean random(String path) {
            return path.hashCode() % 3 == 0;
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }
}

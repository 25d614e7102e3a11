package dev.postflux.reliability;

import dev.postflux.common.web.Cursor;
import dev.postflux.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;

/**
 * Random and malformed requests at every route of the API: ids, query parameters, headers, tokens and JSON bodies,
 * from plausible to broken. Every string it makes up carries a marker ({@value #MARKER} and a few more letters)
 * that must never show up in SQL text. It never says the exact words the fuzz test looks for in responses (see
 * {@link #FORBIDDEN}), so that an echo of its own data cannot pass for a leak.
 */
final class RequestFuzzer {

    static final String MARKER = "zqx";

    /** What a response must never contain unless the request itself said it: traces, class and SQL text. */
    static final List<String> FORBIDDEN = List.of(
            "Exception",
            "at dev.postflux",
            "at java.",
            "at org.",
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE FROM",
            "org.postgresql",
            "io.r2dbc",
            "SQLSTATE");

    /** The API's resources, by path template. */
    enum Resource {
        USERS,
        USER,
        PROFILE,
        USER_POSTS,
        POSTS,
        POST,
        EVENTS,
        UNKNOWN
    }

    private static final Map<Resource, List<HttpMethod>> METHODS = Map.of(
            Resource.USERS, List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.POST),
            Resource.USER, List.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.PATCH, HttpMethod.DELETE),
            Resource.PROFILE, List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.PUT, HttpMethod.DELETE),
            Resource.USER_POSTS, List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.POST),
            Resource.POSTS, List.of(HttpMethod.GET),
            Resource.POST, List.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.PATCH, HttpMethod.DELETE),
            Resource.EVENTS, List.of(HttpMethod.GET),
            Resource.UNKNOWN, List.of(HttpMethod.GET, HttpMethod.POST));

    /** Routes by weight: the endless event stream and unknown paths get less of the budget. */
    private static final List<Resource> RESOURCES = List.of(
            Resource.USERS,
            Resource.USERS,
            Resource.USERS,
            Resource.USER,
            Resource.USER,
            Resource.USER,
            Resource.PROFILE,
            Resource.PROFILE,
            Resource.USER_POSTS,
            Resource.USER_POSTS,
            Resource.USER_POSTS,
            Resource.POSTS,
            Resource.POSTS,
            Resource.POST,
            Resource.POST,
            Resource.POST,
            Resource.EVENTS,
            Resource.UNKNOWN);

    /** The methods the server implements; any other is a 501. */
    static final List<HttpMethod> IMPLEMENTED_METHODS = List.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    private static final List<HttpMethod> ANY_METHOD = java.util.stream.Stream.concat(
                    IMPLEMENTED_METHODS.stream(), java.util.stream.Stream.of(HttpMethod.valueOf("ZQXMETHOD")))
            .toList();

    private static final Map<Resource, List<String>> QUERY_NAMES = Map.of(
            Resource.USERS, List.of("role", "limit", "after", "fields", "include"),
            Resource.USER, List.of("fields", "include"),
            Resource.USER_POSTS, List.of("limit", "after", "fields", "include"),
            Resource.POSTS, List.of("tag", "limit", "after", "fields", "include"),
            Resource.POST, List.of("fields", "include"));

    private static final List<String> FIELD_NAMES = List.of(
            "id",
            "name",
            "email",
            "role",
            "version",
            "createdAt",
            "updatedAt",
            "profile",
            "posts",
            "title",
            "body",
            "authorId",
            "tags",
            "author");
    private static final List<String> SEEDED_TAGS = List.of("java", "sql", "web", "news");
    private static final List<String> READ_ONLY_FIELDS = List.of("id", "version", "createdAt", "updatedAt", "authorId");

    /** Pieces of hostile text: SQL metacharacters (no SQL keywords in upper case), unicode, control characters. */
    private static final List<String> PIECES = List.of(
            "'",
            "''",
            "\"",
            ";",
            "--",
            "/*",
            "*/",
            ")",
            "(",
            "\\",
            "%",
            "_",
            "$1",
            ":id",
            "?",
            "`",
            "' or '1'='1",
            "'); drop table users; --",
            "\" or \"\"=\"",
            "1) or (1=1",
            "' union select null --",
            "; truncate posts",
            "%00",
            "\u0000",
            "\t",
            "\n",
            "\r\n",
            "\u00a0",
            "\u200b",
            "\u202e",
            "e\u0301",
            "\u2028",
            "\ud83d\ude00",
            "\ud800",
            "\udfff",
            "\ufeff",
            "\uffff",
            "Ünïcødé",
            "日本語",
            "עברית",
            "<script>",
            "${jndi:x}",
            "{{7*7}}",
            "../",
            "&amp;",
            "+",
            " ",
            "   ");

    private static final List<String> ACCEPTS = List.of(
            "application/json",
            "*/*",
            "text/event-stream",
            "application/x-ndjson",
            "application/xml",
            "text/html",
            "application/problem+json",
            "text/*",
            "application/*",
            "application/json;q=0",
            "text/event-stream;q=0.9, application/json",
            "application/x-ndjson, text/event-stream",
            MARKER,
            MARKER + "/" + MARKER,
            "application/json;q=" + MARKER,
            ";;",
            "text/event-stream; charset=" + MARKER,
            "application/json, */*;q=0.1",
            "*/*;q=0",
            "application/" + MARKER + "+json");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json;charset=UTF-8",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=" + MARKER,
            "application/merge-patch+json",
            "application/json;charset=UTF-16",
            "application/json;charset=" + MARKER,
            MARKER + "/json",
            MARKER,
            "application/octet-stream",
            "application/problem+json",
            "");

    private final Random random;
    private final Supplier<List<Long>> users;
    private final Supplier<List<Long>> posts;
    /** Emails sent before, to be sent again: the fixture's users to begin with (see the test's seeding). */
    private final List<String> emails = new ArrayList<>(List.of("user1@example.com", "USER2@example.com"));

    private int markers;

    /**
     * @param users the ids of the users that exist now (most requests aim at them)
     * @param posts the ids of the posts that exist now
     */
    RequestFuzzer(Random random, Supplier<List<Long>> users, Supplier<List<Long>> posts) {
        this.random = random;
        this.users = users;
        this.posts = posts;
    }

    /** A request as sent, with all that is needed to send it again; {@code id} is the path id the server reads. */
    record FuzzedRequest(
            HttpMethod method,
            Resource resource,
            String path,
            Long id,
            String query,
            Map<String, String> headers,
            byte[] body) {

        String uri() {
            return query.isEmpty() ? path : path + "?" + query;
        }

        /** Everything the client said, to tell an echo of the request from a leak. */
        String text() {
            return uri() + headers + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            var text = new StringBuilder(method.name()).append(' ').append(uri());
            headers.forEach((name, value) ->
                    text.append("\n    ").append(name).append(": ").append(value));
            if (body != null) {
                String shown = new String(body, StandardCharsets.UTF_8);
                text.append("\n    body (").append(body.length).append(" bytes): ");
                text.append(shown.length() > 600 ? shown.substring(0, 600) + "..." : shown);
            }
            return text.toString();
        }
    }

    FuzzedRequest next() {
        Resource resource = pick(RESOURCES);
        HttpMethod method = random.nextInt(100) < 85 ? pick(METHODS.get(resource)) : pick(ANY_METHOD);
        var ids = resource == Resource.POST ? posts.get() : users.get();
        String segment = pathId(ids);
        Long id = serverId(segment);
        String path = path(resource, encode(segment, false));
        String query = query(resource, method);
        Map<String, String> headers = headers();
        byte[] body = null;
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || chance(5)) {
            body = body(resource, method, headers);
        }
        return new FuzzedRequest(method, resource, path, id, query, headers, body);
    }

    private String path(Resource resource, String id) {
        return switch (resource) {
            case USERS -> "/users";
            case USER -> "/users/" + id;
            case PROFILE -> "/users/" + id + "/profile";
            case USER_POSTS -> "/users/" + id + "/posts";
            case POSTS -> "/posts";
            case POST -> "/posts/" + id;
            case EVENTS -> "/events";
            case UNKNOWN ->
                pick(List.of(
                        "/" + marker(),
                        "/users/" + id + "/" + marker(),
                        "/posts/" + id + "/profile",
                        "/users/" + id + "/posts/" + id,
                        "/users/",
                        "/users;" + marker() + "=1",
                        "/%2e%2e/users",
                        "/users/%2F" + marker(),
                        "/posts/" + encode(marker() + "/../1", false),
                        "/tags",
                        "/users/" + id + "/profile/" + marker()));
        };
    }

    /** Mostly ids that exist; else ids that do not, or are no number at all. */
    private String pathId(List<Long> existing) {
        int roll = random.nextInt(100);
        if (roll < 55 && !existing.isEmpty()) {
            return Long.toString(pick(existing));
        }
        if (roll < 70) {
            return Integer.toString(1 + random.nextInt(existing.size() + 4));
        }
        return pick(List.of(
                "0",
                "-1",
                "-" + (1 + random.nextInt(5)),
                Long.toString(Long.MAX_VALUE),
                "9223372036854775808",
                "99999999999999999999999",
                marker(),
                marker() + piece(),
                "1" + piece() + marker(),
                "1.0",
                "1e3",
                "0x1F",
                " 1",
                "+1",
                "007",
                "\u0661\u0662",
                "１",
                "1 " + marker()));
    }

    /** The id the server reads from the path segment, or null when it has to refuse it (400). */
    static Long serverId(String segment) {
        try {
            long id = Long.parseLong(segment);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String query(Resource resource, HttpMethod method) {
        if (resource == Resource.EVENTS) {
            // Never a valid subscription: an unknown parameter is a 400 at once, not an endless stream.
            return encode(marker(), true) + "=" + encode(fuzzString(), true);
        }
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        if (chance(read ? 50 : 85)) {
            return "";
        }
        List<String> known = read ? QUERY_NAMES.getOrDefault(resource, List.of()) : List.of();
        List<String> pairs = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = !known.isEmpty() && chance(70) ? pick(known) : queryName();
            pairs.add(encode(name, true) + "=" + encode(queryValue(name), true));
            if (chance(5)) {
                pairs.add(pairs.get(pairs.size() - 1));
            }
        }
        if (chance(5)) {
            pairs.add(pick(List.of("", "=" + marker(), marker(), "&")));
        }
        return String.join("&", pairs);
    }

    private String queryName() {
        return pick(List.of(
                marker(),
                "sort",
                "order",
                "sort_by",
                "fields[]",
                "limit ",
                "LIMIT",
                "offset",
                "author",
                "authorId",
                "q",
                "types",
                marker() + piece(),
                piece() + marker()));
    }

    private String queryValue(String name) {
        if (chance(1)) {
            return marker() + "q".repeat(9000);
        }
        if (chance(25)) {
            return fuzzString();
        }
        return switch (name) {
            case "role" -> pick(List.of("admin", "member", "ADMIN", " member", marker(), "member" + piece()));
            case "limit" -> limit();
            case "after" -> cursor();
            case "fields", "include" -> fieldList();
            case "tag" -> tagName();
            case "sort", "order", "sort_by" ->
                pick(List.of("name", "created_at desc", "-createdAt", marker(), "id;" + marker(), "name)" + marker()));
            default -> fuzzString();
        };
    }

    private String limit() {
        return pick(List.of(
                Integer.toString(random.nextInt(130) - 5),
                Integer.toString(1 + random.nextInt(5)),
                "0",
                "101",
                "2147483647",
                "2147483648",
                "99999999999",
                "1e2",
                "5;",
                "5 " + marker(),
                "-0",
                "+3",
                "\u0663",
                marker()));
    }

    private String cursor() {
        return switch (random.nextInt(8)) {
            case 0, 1 ->
                new Cursor(
                                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)),
                                1 + random.nextInt(50))
                        .encode();
            case 2 -> base64(Long.MAX_VALUE + "." + (1 + random.nextInt(9)));
            case 3 -> base64(Long.MIN_VALUE + "." + (1 + random.nextInt(9)));
            case 4 ->
                base64(pick(
                        List.of("-62135596800000001.1", "253402300800000000.1", "0.1", "1.0", "1.-1", "1", "1.2.3")));
            case 5 -> base64(marker() + "." + marker());
            case 6 -> marker() + piece();
            default -> base64(random.nextInt(1000) + "." + marker());
        };
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String fieldList() {
        List<String> names = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            names.add(
                    chance(75)
                            ? pick(FIELD_NAMES)
                            : pick(List.of(
                                    marker(),
                                    marker() + piece(),
                                    "*",
                                    "",
                                    " ",
                                    "name as " + marker(),
                                    "u.email",
                                    "password")));
        }
        return String.join(chance(90) ? "," : pick(List.of(", ", ",,", ";", " ")), names);
    }

    private String tagName() {
        return pick(List.of(
                pick(SEEDED_TAGS),
                " Java ",
                marker(),
                marker() + "-" + random.nextInt(10),
                marker() + piece(),
                marker() + "a".repeat(48),
                "",
                marker() + "%"));
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        String authorization = authorization();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (chance(30)) {
            headers.put("Accept", pick(ACCEPTS));
        }
        if (chance(30)) {
            headers.put("If-Match", ifMatch());
        }
        if (chance(5)) {
            headers.put("X-Request-Id", pick(List.of(marker(), marker() + "'\";", marker().repeat(20))));
        }
        if (chance(5)) {
            headers.put("Last-Event-ID", ascii(chance(50) ? cursor() : fuzzString()));
        }
        if (chance(3)) {
            headers.put("Origin", "http://" + marker() + ".example");
        }
        if (chance(3)) {
            headers.put("X-" + marker(), ascii(fuzzString()));
        }
        return headers;
    }

    private String ifMatch() {
        return pick(List.of(
                "*",
                "\"1\"",
                "\"2\"",
                "\"0\"",
                "\"-1\"",
                "W/\"1\"",
                "\"999999999\"",
                "\"9999999999\"",
                "\"" + marker() + "\"",
                marker(),
                "\"1\", \"2\"",
                "\"" + marker() + "\", *",
                "",
                "1"));
    }

    /** Mostly valid tokens (admins, members that exist or not), else every kind of bad one, or none. */
    private String authorization() {
        int roll = random.nextInt(100);
        long someone = users.get().isEmpty() || chance(20) ? 1 + random.nextInt(20) : pick(users.get());
        if (roll < 45) {
            return "Bearer " + Tokens.admin();
        }
        if (roll < 65) {
            return "Bearer " + Tokens.member(someone);
        }
        if (roll < 75) {
            return null;
        }
        Instant now = Instant.now();
        Date hourAgo = Date.from(now.minusSeconds(3600));
        Date inAnHour = Date.from(now.plusSeconds(3600));
        return switch (random.nextInt(18)) {
            case 0 -> "Bearer " + Tokens.signed(someone, c -> c.expirationTime(hourAgo));
            case 1 -> "Bearer " + Tokens.signed(someone, c -> c.notBeforeTime(inAnHour));
            case 2 -> "Bearer " + Tokens.signed(someone, c -> c.issueTime(inAnHour));
            case 3 -> "Bearer " + Tokens.signed(someone, c -> c.issuer(marker()));
            case 4 -> "Bearer " + Tokens.signed(someone, c -> c.audience(marker()));
            case 5 -> "Bearer " + Tokens.signed(someone, c -> c.subject(marker() + "'1"));
            case 6 ->
                "Bearer "
                        + Tokens.signed(
                                someone,
                                c -> c.subject(pick(List.of("0", "-1", "99999999999999999999", "1.5", "\u0661"))));
            case 7 -> "Bearer " + Tokens.signed(someone, c -> c.claim("role", marker()));
            case 8 -> "Bearer " + Tokens.signed(someone, c -> c.claim("role", List.of("admin")));
            case 9 -> "Bearer " + Tokens.signed(someone, c -> c.expirationTime(null));
            case 10 ->
                "Bearer "
                        + Tokens.signed(
                                "zqx-not-the-secret-but-at-least-32-bytes-long",
                                Tokens.validClaims(someone).build());
            case 11 -> "Bearer " + Tokens.unsigned(someone);
            case 12 -> "Bearer " + marker() + "." + marker() + "." + marker();
            case 13 ->
                pick(List.of(
                        "Bearer",
                        "Bearer ",
                        "Basic " + base64(marker() + ":x"),
                        marker(),
                        "Bearer  " + Tokens.admin()));
            case 14 -> "bearer " + Tokens.admin();
            case 15 -> "Bearer " + Tokens.admin() + marker();
            case 16 -> "Bearer " + ascii(fuzzString());
            default ->
                chance(10)
                        ? "Bearer " + marker() + "a".repeat(20_000)
                        : "Bearer " + Tokens.member(someone) + ", Bearer " + Tokens.admin();
        };
    }

    private byte[] body(Resource resource, HttpMethod method, Map<String, String> headers) {
        String contentType = chance(90) ? "application/json" : pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        if (chance(1)) {
            return ("{\"name\":\"" + marker() + "x".repeat(1_100_000) + "\",\"email\":\"" + marker() + "@a.example\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (chance(3)) {
            return new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3, '(', (byte) 0xff, '"', '}'};
        }
        String json = Json.write(mutate(validBody(resource, method)));
        return (chance(10) ? malformed(json) : json).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> validBody(Resource resource, HttpMethod method) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (resource == Resource.USERS || resource == Resource.UNKNOWN) {
            body.put("name", name());
            body.put("email", email());
            maybe(body, "role", () -> pick(List.of("member", "member", "admin")));
            if (chance(25)) {
                body.put("posts", postList());
            }
        } else if (resource == Resource.USER) {
            maybe(body, "name", this::name);
            maybe(body, "email", this::email);
            maybe(body, "role", () -> pick(List.of("member", "admin")));
        } else if (resource == Resource.PROFILE) {
            maybe(body, "bio", () -> text(1000));
            maybe(body, "website", this::website);
        } else if (resource == Resource.POST && method == HttpMethod.PATCH) {
            maybe(body, "title", () -> text(200));
            maybe(body, "body", () -> chance(20) ? null : text(50_000));
            maybe(body, "tags", this::tags);
        } else {
            body.putAll(post());
        }
        return body;
    }

    private List<Object> postList() {
        List<Object> list = new ArrayList<>();
        int count = chance(3) ? 101 : random.nextInt(4);
        for (int i = 0; i < count; i++) {
            list.add(post());
        }
        return list;
    }

    private Map<String, Object> post() {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("title", text(200));
        maybe(post, "body", () -> text(50_000));
        maybe(post, "tags", this::tags);
        return post;
    }

    private void maybe(Map<String, Object> body, String field, Supplier<Object> value) {
        if (chance(60)) {
            body.put(field, value.get());
        }
    }

    /** Wrong types, nulls, unknown and server-owned fields, missing fields. */
    private Map<String, Object> mutate(Map<String, Object> body) {
        if (chance(65)) {
            return body;
        }
        for (int i = 0; i <= random.nextInt(2); i++) {
            List<String> keys = new ArrayList<>(body.keySet());
            String key = keys.isEmpty() ? "name" : pick(keys);
            switch (random.nextInt(5)) {
                case 0 -> body.remove(key);
                case 1 -> body.put(key, null);
                case 2 -> body.put(key, wrongType());
                case 3 -> body.put(marker(), wrongType());
                default -> body.put(pick(READ_ONLY_FIELDS), chance(50) ? 1 : fuzzString());
            }
        }
        return body;
    }

    private Object wrongType() {
        return pick(List.of(
                5,
                -1,
                1.5,
                true,
                List.of(),
                List.of(marker()),
                Map.of(),
                Map.of(marker(), marker()),
                new Json.Raw("1e999"),
                new Json.Raw("99999999999999999999999999"),
                fuzzString()));
    }

    private String malformed(String json) {
        return switch (random.nextInt(9)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 -> marker() + piece() + " ; -- /* )";
            case 2 -> "";
            case 3 -> "{\"name\":" + "[".repeat(33 + random.nextInt(200)) + "]".repeat(random.nextInt(3));
            case 4 -> "{\"name\":\"a\",\"name\":\"" + marker() + "\",\"email\":\"" + marker() + "@a.example\"}";
            case 5 -> "[" + json + "]";
            case 6 -> pick(List.of("null", "0", "true", "\"" + marker() + "\"", "{}", "{\"\":1}"));
            case 7 -> "{\"name\":\"" + marker() + "x".repeat(200_001) + "\"}";
            default -> json + pick(List.of("}", ",", " " + marker(), "{}", "\u0000"));
        };
    }

    private String name() {
        return switch (random.nextInt(20)) {
            case 0 -> pad(marker(), 100);
            case 1 -> pad(marker(), 101);
            case 2 -> "   " + marker() + "   ";
            case 3 -> pick(List.of("", "   ", "\t"));
            default -> fuzzString();
        };
    }

    private String email() {
        if (chance(10) && !emails.isEmpty()) {
            String taken = pick(emails);
            return chance(50) ? taken.toUpperCase(java.util.Locale.ROOT) : taken;
        }
        String email = switch (random.nextInt(20)) {
            case 0 -> marker() + "@" + marker();
            case 1 -> marker() + " " + marker() + "@a.example";
            case 2 -> marker() + "a".repeat(250) + "@a.example";
            case 3 -> marker() + "@a.example" + piece();
            default ->
                marker() + pick(List.of("", "'", "'--", "\"", "+x", "'='", "%", "/*")) + "@" + marker() + ".example";
        };
        emails.add(email);
        return email;
    }

    private String website() {
        return pick(List.of(
                "https://" + marker() + ".example/" + encode(fuzzString(), false),
                "http://" + marker() + ".example/?q='" + marker(),
                "ftp://" + marker() + ".example",
                "javascript:alert(1)//" + marker(),
                "https:// " + marker(),
                "https://" + marker() + ".example/" + "a".repeat(2040),
                ""));
    }

    private List<Object> tags() {
        List<Object> tags = new ArrayList<>();
        int count = chance(5) ? 21 : random.nextInt(4);
        for (int i = 0; i < count; i++) {
            tags.add(
                    chance(70)
                            ? pick(List.of(
                                    pick(SEEDED_TAGS),
                                    marker(),
                                    marker() + "-" + i,
                                    " " + marker().toUpperCase(java.util.Locale.ROOT) + " "))
                            : tagName());
        }
        if (chance(5)) {
            tags.add(null);
        }
        return tags;
    }

    /** Text for a field of at most {@code max} characters: mostly short, sometimes at or just past the limit. */
    private String text(int max) {
        return switch (random.nextInt(16)) {
            case 0 -> pad(marker(), max);
            case 1 -> pad(marker(), max + 1);
            case 2 -> "  " + marker() + "  ";
            default -> fuzzString();
        };
    }

    private static String pad(String text, int length) {
        return text + "x".repeat(length - text.length());
    }

    /** A marker with hostile pieces around it. */
    private String fuzzString() {
        var text = new StringBuilder();
        if (chance(50)) {
            text.append(piece());
        }
        text.append(marker());
        for (int i = 0; i < random.nextInt(4); i++) {
            text.append(piece());
        }
        return text.toString();
    }

    private String piece() {
        return pick(PIECES);
    }

    /** {@value #MARKER} and a count in letters: unique within a run, and letters only so it survives any parser. */
    private String marker() {
        int n = markers++;
        var letters = new StringBuilder();
        do {
            letters.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return MARKER + letters;
    }

    /** Percent-encodes all but unreserved characters (and, in queries, often the sub-delimiters too). */
    private String encode(String text, boolean query) {
        boolean rawSubDelimiters = query && chance(50);
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128
                    || "-._~".indexOf(c) >= 0
                    || rawSubDelimiters && "',;()*!:@$".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Header values must be printable ASCII on the wire. */
    private static String ascii(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?").strip();
        return printable.isEmpty() ? "?" : printable;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A small JSON writer that also writes what a real one would refuse to: lone surrogates, raw number text. */
    static final class Json {

        /** JSON text written as is. */
        record Raw(String text) {}

        private Json() {}

        static String write(Object value) {
            var out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Raw raw) {
                out.append(raw.text());
            } else if (value instanceof String text) {
                quote(text, out);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                String separator = "";
                for (var entry : map.entrySet()) {
                    out.append(separator);
                    quote(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                    separator = ",";
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else {
                out.append(value);
            }
        }

        private static void quote(String text, StringBuilder out) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}

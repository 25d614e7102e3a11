package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.PostFluxApplication;
import dev.postflux.support.TestDatabase;
import dev.postflux.support.Tokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A million rows through a server whose heap is capped at 128 MB: it completes only if rows really flow from
 * PostgreSQL to the socket without the server holding the table. The server runs as its own process, on its own
 * database, so that its heap is the one that is capped.
 */
class MillionRowStreamTests {

    private static final int ROWS = 1_000_000;

    private final String database = "million_" + ThreadLocalRandom.current().nextInt(1_000_000);
    private JdbcTemplate admin;
    private Process server;
    private int port;

    @BeforeEach
    void startACappedServerOnAMillionPosts() throws Exception {
        var location = TestDatabase.location();
        admin = jdbc(location.jdbcUrl());
        admin.execute("CREATE DATABASE " + database);
        String url =
                "postgres://" + location.username() + (location.password() == null ? "" : ":" + location.password())
                        + "@" + location.host() + ":" + location.port() + "/" + database;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx128m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostFluxApplication.class.getName(),
                        "--server.port=" + port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DATABASE_URL", url);
        builder.environment().put("POSTFLUX_SECURITY_JWT_HMAC_SECRET", Tokens.SECRET);
        server = builder.start();
        var client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> client.send(
                                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
        var rows = jdbc(location.jdbcUrl().replace("/" + location.database() + "?", "/" + database + "?"));
        long author = rows.queryForObject(
                "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com') RETURNING id", Long.class);
        rows.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                + " INSERT INTO posts (author_id, title, created_at, updated_at)"
                + " SELECT " + author + ", 'Post ' || g, now() - g * interval '1 ms', now() - g * interval '1 ms'"
                + " FROM generate_series(1, " + ROWS + ") g; COMMIT;");
    }

    @AfterEach
    void stopAndDrop() {
        if (server != null) {
            server.destroyForcibly();
        }
        admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void streamsAMillionRowsWithA128MegabyteHeap() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/posts?fields=id,title"))
                .header("Accept", "text/event-stream")
                .build();

        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long rows = 0;
        boolean ended = false;
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event:post")) {
                    rows++;
                } else if (line.equals("event:end")) {
                    ended = true;
                }
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows).isEqualTo(ROWS);
        assertThat(ended).isTrue();
        assertThat(server.isAlive()).as("the capped server survived").isTrue();
    }

    private static JdbcTemplate jdbc(String url) {
        var location = TestDatabase.location();
        return new JdbcTemplate(
                new SimpleDriverDataSource(new org.postgresql.Driver(), url, location.username(), location.password()));
    }
}

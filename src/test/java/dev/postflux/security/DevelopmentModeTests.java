package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.PostFluxApplication;
import dev.postflux.support.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start: with no database and no key configured, the server runs the embedded PostgreSQL, signs tokens
 * with a secret kept beside its data, and logs an admin token that works at once.
 */
class DevelopmentModeTests {

    @TempDir
    Path directory;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            // A graceful stop lets the server stop its embedded PostgreSQL too.
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void logsAnAdminTokenThatTheServerAccepts() throws Exception {
        int port = FreePorts.next();
        List<String> lines = start(port);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> lines.stream().anyMatch(line -> line.contains("export TOKEN=")));
        String token = lines.stream()
                .filter(line -> line.contains("export TOKEN="))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*export TOKEN=", "")
                .strip();
        var client = HttpClient.newHttpClient();

        var signUp = send(client, port, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", null);
        var anonymousPatch = send(client, port, "PATCH", "/users/1", "{\"name\":\"Ada King\"}", null);
        var adminPatch = send(client, port, "PATCH", "/users/1", "{\"role\":\"admin\"}", token);

        assertThat(signUp.statusCode()).isEqualTo(201);
        assertThat(anonymousPatch.statusCode()).isEqualTo(401);
        assertThat(adminPatch.statusCode()).isEqualTo(200);
        assertThat(adminPatch.body()).contains("\"role\":\"admin\"");
        assertThat(Files.readString(directory.resolve("pgdata.jwt-secret"))).hasSizeGreaterThan(32);
        assertThat(lines).anyMatch(line -> line.contains("token --user=2 --role=member"));
        // A newcomer's first start says nothing alarming: springdoc warned twice that its endpoints were "enabled by
        // default", until application.yaml enabled them by name (2026-12-07).
        assertThat(lines).noneMatch(line -> line.matches("^\\S+\\s+(WARN|ERROR) .*"));
    }

    private List<String> start(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostFluxApplication.class.getName(),
                        "--server.port=" + port,
                        "--postflux.database.embedded.data-directory=" + directory.resolve("pgdata")))
                .redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("POSTFLUX_SECURITY_JWT_HMAC_SECRET");
        server = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        var reader = new Thread(
                () -> {
                    try (var output = new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                        output.lines().forEach(lines::add);
                    } catch (IOException | java.io.UncheckedIOException ended) {
                        // the server stopped
                    }
                },
                "dev-server-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static HttpResponse<String> send(
            HttpClient client, int port, String method, String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

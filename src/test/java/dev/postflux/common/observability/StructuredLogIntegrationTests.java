package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.PostFluxApplication;
import dev.postflux.common.web.RequestIds;
import dev.postflux.support.ChildJvm;
import dev.postflux.support.DatabaseProxy;
import dev.postflux.support.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code LOG_FORMAT=ecs}: the packaged configuration (no test logback file) writes one JSON object per line, the
 * access line with its fields and the request id. Runs the server as its own process, as production does.
 */
class StructuredLogIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void writesOneEcsJsonObjectPerLineWithTheRequestId() throws Exception {
        int port = FreePorts.next();
        Path log = directory.resolve("server.log");
        try (var database = DatabaseProxy.toTestDatabase()) {
            Process server = start(port, database.databaseUrl(), log);
            try {
                var client = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(90))
                        .ignoreExceptions()
                        .until(() ->
                                get(client, port, "/actuator/health/readiness").statusCode() == 200);

                var response = get(client, port, "/users/12345");

                assertThat(response.statusCode()).isEqualTo(404);
                String requestId =
                        response.headers().firstValue(RequestIds.HEADER).orElseThrow();
                await().atMost(Duration.ofSeconds(10)).until(() -> accessLine(log, requestId) != null);
                JsonNode line = accessLine(log, requestId);
                assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
                assertThat(line.at("/http/request/method").asString()).isEqualTo("GET");
                assertThat(line.at("/http/route").asString()).isEqualTo("/users/{id}");
                assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(404);
                assertThat(line.at("/event/duration").asLong()).isPositive();
                assertThat(line.at("/message").asString()).startsWith("GET /users/{id} 404 ");
                assertThat(nonJsonLines(log)).as("every line is a JSON object").isEmpty();
            } finally {
                server.destroy();
                server.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(int port, String databaseUrl, Path log) throws IOException {
        // The packaged logging configuration: without test-classes, whose logback-test.xml would take over.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(ChildJvm.running(classpath, PostFluxApplication.class));
        command.add("--server.port=" + port);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().put("LOG_FORMAT", "ecs");
        builder.environment().put("POSTFLUX_SECURITY_JWT_HMAC_SECRET", dev.postflux.support.Tokens.SECRET);
        return builder.start();
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode accessLine(Path log, String requestId) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                JsonNode node = json.readTree(line);
                if (node.at("/log/logger").asString("").equals("postflux.access")
                        && node.path("requestId").asString("").equals(requestId)) {
                    return node;
                }
            }
        }
        return null;
    }

    private static List<String> nonJsonLines(Path log) throws IOException {
        var lines = new ArrayList<String>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank() && !(line.startsWith("{") && line.endsWith("}"))) {
                lines.add(line);
            }
        }
        return lines;
    }
}

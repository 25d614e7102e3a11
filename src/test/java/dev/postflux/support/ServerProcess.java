package dev.postflux.support;

import static org.awaitility.Awaitility.await;

import dev.postflux.PostFluxApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server as its own process, against the test database: for what only a real process shows (signals, a
 * kill -9, what it prints). Its output goes to a file, so that a chatty server never blocks on a full pipe.
 */
public final class ServerProcess implements AutoCloseable {

    /** Not closed: HttpClient is AutoCloseable only from Java 21, and the test JVM's exit ends it. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Process process;
    private final Path output;
    private final int port;

    private ServerProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts the server on a free port with the test database and waits until it serves requests. */
    public static ServerProcess start(String... arguments) throws IOException {
        return startOn(TestDatabase.url(), arguments);
    }

    /** Starts the server on a free port against {@code databaseUrl} and waits until it serves requests. */
    public static ServerProcess startOn(String databaseUrl, String... arguments) throws IOException {
        return launch(databaseUrl, arguments).awaitServing();
    }

    /**
     * Starts the server on a free port against {@code databaseUrl} (null: none, so the server starts its embedded
     * PostgreSQL), without waiting: see {@link #awaitServing}.
     */
    public static ServerProcess launch(String databaseUrl, String... arguments) throws IOException {
        int port = FreePorts.next();
        Path output = Files.createTempFile("postflux-server", ".log");
        List<String> command = new ArrayList<>(ChildJvm.running(PostFluxApplication.class));
        command.add("--server.port=" + port);
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (databaseUrl == null) {
            builder.environment().remove("DATABASE_URL");
        } else {
            builder.environment().put("DATABASE_URL", databaseUrl);
        }
        // As IntegrationTest's server: tokens signed with the test secret, no write rate limit (tests are one client).
        builder.environment().put("POSTFLUX_SECURITY_JWT_HMAC_SECRET", Tokens.SECRET);
        builder.environment().put("POSTFLUX_SECURITY_RATE_LIMIT_ENABLED", "false");
        return new ServerProcess(builder.start(), output, port);
    }

    /** Waits until the server serves requests; fails, with its output, if it exits first. */
    public ServerProcess awaitServing() throws IOException {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answers() || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("The server exited at start-up:\n" + output());
        }
        return this;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as an orchestrator stops a container. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to exit; true if it did within {@code atMost}. */
    public boolean exitsWithin(Duration atMost) throws InterruptedException {
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }

    private boolean answers() {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users?limit=1"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

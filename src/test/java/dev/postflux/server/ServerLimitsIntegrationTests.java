package dev.postflux.server;

import static dev.postflux.support.RawHttp.readResponse;
import static dev.postflux.support.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.stream.StreamLimiter;
import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttp;
import dev.postflux.support.RawHttpStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Hostile or broken clients get the right status or a closed socket, never a 500, and never hold the server. */
@TestPropertySource(
        properties = {
            "postflux.server.max-connections=40",
            "postflux.server.request-head-timeout=3s",
            "postflux.server.body-read-timeout=1s",
            "postflux.server.body-timeout=3s",
            "postflux.server.write-stall-timeout=2s"
        })
class ServerLimitsIntegrationTests extends IntegrationTest {

    private static final String LAST_CHUNK = "\r\n0\r\n\r\n";

    @LocalServerPort
    int port;

    @Autowired
    ConnectionCap connectionCap;

    @Autowired
    StreamLimiter streams;

    @Test
    void answersHeadersOverTheLimitWith431() throws IOException {
        try (var socket = connect()) {
            send(socket, "GET /users HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n");

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 431");
        }
    }

    @Test
    void answersARequestLineOverTheLimitWith414() throws IOException {
        try (var socket = connect()) {
            send(socket, "GET /users?name=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 414");
        }
    }

    /** Spring's adapter answered these with a bare 400 before any filter ran: no problem document. */
    @Test
    void answersAMalformedRequestTargetWithAProblem() throws IOException {
        try (var socket = connect()) {
            send(socket, "GET /users?limit=%zz HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: trace-42\r\n\r\n");

            String response = readAll(socket, Duration.ofSeconds(10));
            assertThat(response)
                    .startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":400", "percent signs must be followed by two hexadecimal digits")
                    .contains("\"requestId\":\"trace-42\"")
                    .containsIgnoringCase("x-request-id: trace-42")
                    .containsIgnoringCase("x-content-type-options: nosniff")
                    .containsIgnoringCase("cache-control: no-cache, no-store");
        }
        try (var socket = connect()) {
            send(socket, "GET /users?limit=20 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void closesAConnectionThatTricklesItsHeaders() throws IOException {
        try (var socket = connect()) {
            long started = System.nanoTime();
            send(socket, "GET /users HTTP/1.1\r\n");
            // One header line every 250 ms: never idle, never done. The deadline (3 s here) must end it anyway.
            boolean closed = false;
            for (int i = 0; i < 60 && !closed; i++) {
                closed = !trySend(socket, "X-Slow-" + i + ": 1\r\n")
                        || readsEndOfStreamWithin(socket, Duration.ofMillis(250));
            }

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void timesOutABodyThatStopsArriving(CapturedOutput output) throws IOException {
        try (var socket = connect()) {
            send(
                    socket,
                    "POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"name\":");
            long sent = System.nanoTime();

            String response = readAll(socket, Duration.ofSeconds(10));
            var waited = Duration.ofNanos(System.nanoTime() - sent);

            // A 408 problem or a closed connection is right, and only once the body has been silent for the
            // body-read timeout (1 s here); a 5xx, an early close or a connection held open is not.
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
            assertThat(response)
                    .satisfiesAnyOf(
                            r -> assertThat(r)
                                    .startsWith("HTTP/1.1 408")
                                    .containsIgnoringCase("content-type: application/problem+json"),
                            r -> assertThat(r).isEmpty());
        }
        assertThat(sql.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
        // The client's fault, logged as its access line only. Reactor Netty delivers the timeout a second time,
        // after the body ended, and Reactor logged that as an ERROR ("onErrorDropped"), just before the access line.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> java.util.regex.Pattern.compile("POST /users \\d{3} ")
                        .matcher(output.getAll())
                        .find());
        assertThat(output.getAll()).doesNotContain("onErrorDropped");
    }

    @Test
    void refusesConnectionsPastTheCapWith503AndRecovers() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                sockets.add(connect());
            }
            List<String> refusals = new ArrayList<>();
            for (var socket : sockets) {
                answerWithin(socket, Duration.ofMillis(20)).ifPresent(refusals::add);
            }

            // 40 allowed in all, some of them the test client's own keep-alive connections.
            assertThat(refusals)
                    .hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(answer ->
                            assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1"));
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> connectionCap.openConnections() <= 10);
        http.get().uri("/users").exchange().expectStatus().isOk().expectBody();
    }

    @Test
    void answersABodyOverTheLimitWith413WhileTheClientIsStillSendingIt() throws Exception {
        try (var socket = connect()) {
            send(
                    socket,
                    "POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n");
            sendChunk(socket, "{\"name\":\"" + "x".repeat(1_500_000));

            // Refused once over the limit, while the client is still sending its body.
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 413");
            // The client goes on sending, as any uploader does. The server reads and drops the rest instead of
            // closing: had it closed, the client's kernel would answer those bytes with a reset (and Linux throws
            // away whatever the client had not read yet). So the connection still serves the next request.
            sendChunk(socket, "y".repeat(200_000));
            send(socket, "0\r\n\r\nGET /users HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
        }
        assertThat(sql.count("users")).isZero();
    }

    @Test
    void closesAStreamWhoseClientStopsReadingAndFreesItsSlot() throws IOException {
        // More than the socket buffers of both ends hold (a few MB on loopback), so that the server has to wait.
        sql.insertPosts(
                sql.insertUser("Ada", "ada@example.com", "member"), 40_000, Instant.parse("2026-01-01T00:00:00Z"));
        try (var stream = RawHttpStream.get(port, "/posts", "application/x-ndjson", 4096)) {
            stream.read(1024);

            // The client reads nothing more; the server gives up the stream after the stall timeout (2 s here).
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0);
            assertThat(stream.readUntil(LAST_CHUNK)).doesNotEndWith(LAST_CHUNK);
        }
    }

    @Test
    void keepsAStreamThatOutlastsTheStallTimeoutWhileItsClientReads() throws Exception {
        sql.insertPosts(
                sql.insertUser("Ada", "ada@example.com", "member"), 40_000, Instant.parse("2026-01-01T00:00:00Z"));
        try (var stream = RawHttpStream.get(port, "/posts", "application/x-ndjson", 4096)) {
            // Progress is what the server sees: its socket taking more bytes, i.e. the client draining a good part
            // of the socket buffers (see WriteStallTimeout). A client reading 32 KB every 50 ms (640 KB/s) does;
            // it reads at that rate for 5 s, more than twice the timeout.
            var client = Executors.newSingleThreadScheduledExecutor();
            try {
                ScheduledFuture<?> reading =
                        client.scheduleAtFixedRate(() -> readOrFail(stream, 32 * 1024), 0, 50, TimeUnit.MILLISECONDS);
                client.schedule(() -> reading.cancel(false), 5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(15)).until(reading::isDone);
                assertThat(reading.isCancelled())
                        .as("read at the set rate until stopped, without failing")
                        .isTrue();
            } finally {
                client.shutdownNow();
            }

            assertThat(streams.openStreams()).isEqualTo(1);
            assertThat(stream.readUntil(LAST_CHUNK)).endsWith(LAST_CHUNK);
        }
    }

    private static void readOrFail(RawHttpStream stream, int bytes) {
        try {
            stream.read(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(port, Duration.ofSeconds(10));
    }

    private static void sendChunk(Socket socket, String data) throws IOException {
        send(socket, Integer.toHexString(data.length()) + "\r\n" + data + "\r\n");
    }

    private static String statusLine(Socket socket) throws IOException {
        String response = readAll(socket, Duration.ofSeconds(10));
        return response.lines().findFirst().orElse("");
    }

    /** Reads until the server closes the connection, or the time is up. */
    private static String readAll(Socket socket, Duration atMost) throws IOException {
        socket.setSoTimeout((int) atMost.toMillis());
        InputStream in = socket.getInputStream();
        var received = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                if (received.indexOf("\r\n\r\n") >= 0 && received.toString().contains("Content-Length: 0")) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // The server may reset rather than close; what was received is the answer.
        }
        return received.toString();
    }

    /** What the server sent unasked within {@code wait}: nothing for an accepted connection. */
    private static Optional<String> answerWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        byte[] buffer = new byte[1024];
        try {
            int n = socket.getInputStream().read(buffer);
            return Optional.of(n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII));
        } catch (SocketTimeoutException accepted) {
            return Optional.empty();
        }
    }

    private static boolean readsEndOfStreamWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static boolean trySend(Socket socket, String text) {
        try {
            send(socket, text);
            return true;
        } catch (IOException closedByServer) {
            return false;
        }
    }
}

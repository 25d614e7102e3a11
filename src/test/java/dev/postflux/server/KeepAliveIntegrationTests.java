package dev.postflux.server;

import static dev.postflux.support.RawHttp.readResponse;
import static dev.postflux.support.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A keep-alive connection stays usable after the server answered a request without reading its body (a write
 * refused for want of a token): the next request on the same connection is answered at once. But the server reads
 * no more of a refused body than eight times the largest it accepts (1 MB here): past that it answers and closes.
 */
class KeepAliveIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void answersTheNextRequestOnAConnectionWhoseLastBodyWasRefusedUnread() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        String body = "{\"name\":\"x\"}";
        try (var socket = RawHttp.connect(port, Duration.ofSeconds(5))) {
            for (int round = 0; round < 20; round++) {
                send(
                        socket,
                        "PATCH /users/" + ada + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
                assertThat(readResponse(socket)).startsWith("HTTP/1.1 401");
                send(socket, "GET /users/" + ada + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** A client that sends a body somewhat over the limit gets its answer, and its connection stays usable. */
    @Test
    void readsARefusedBodySomewhatOverTheLimitToItsEnd() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        String body = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        try (var socket = RawHttp.connect(port, Duration.ofSeconds(10))) {
            send(
                    socket,
                    "PATCH /users/" + ada + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            send(socket, "GET /users/" + ada + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void refusesAnAnnouncedHugeBodyWithoutReadingItAndCloses() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        try (var socket = RawHttp.connect(port, Duration.ofSeconds(5))) {
            send(
                    socket,
                    "PATCH /users/" + ada + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 20000000000\r\n\r\n{\"name\":\"");
            String response = readResponse(socket);

            assertThat(response).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void stopsReadingARefusedBodyFarPastTheLargestItAcceptsAndCloses() throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        long offered = 256L * 1024 * 1024;
        try (var socket = RawHttp.connect(port, Duration.ofSeconds(10))) {
            send(
                    socket,
                    "PATCH /users/" + ada + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n");
            var sent = new AtomicLong();
            var sender = CompletableFuture.runAsync(() -> sendChunks(socket, offered, sent));

            String response = readResponse(socket);

            assertThat(response).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
            await().atMost(Duration.ofSeconds(10)).until(sender::isDone);
            // Before the limit the server read the whole body, however large, before it answered.
            assertThat(sent.get()).as("bytes the client got to send").isLessThan(offered);
        }
    }

    /** Sends {@code total} bytes of chunks, counting them, until done or the server closes the connection. */
    private static void sendChunks(Socket socket, long total, AtomicLong sent) {
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            OutputStream out = socket.getOutputStream();
            while (sent.get() < total) {
                out.write(chunk);
                sent.addAndGet(0x10000);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedByTheServer) {
            // What a refused body past the limit gets.
        }
    }
}

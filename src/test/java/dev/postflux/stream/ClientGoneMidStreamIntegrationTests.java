package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.IntegrationTest;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that closes a stream after its first bytes ({@code curl ... | head -c 200}) is an everyday event, not
 * an error: it must not be logged at ERROR with a stack trace, as Spring did when the next write found the
 * channel closed ("StacklessClosedChannelException ... already committed"; found by the fault review).
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneMidStreamIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void logsAClientThatLeftAStreamAsCancelledNotAsAnError(CapturedOutput output) throws Exception {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 3_000, Instant.parse("2026-01-01T00:00:00Z"));

        for (int round = 0; round < 5; round++) {
            try (var socket = new Socket("localhost", port)) {
                socket.getOutputStream()
                        .write(("GET /posts HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                in.readNBytes(200);
                // A reset rather than a polite close: the server's next write fails at once.
                socket.setSoLinger(true, 0);
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().split("GET /posts 200", -1).length > 5);
        assertThat(output.getAll()).doesNotContain("ClosedChannelException").doesNotContain("already committed");
    }
}

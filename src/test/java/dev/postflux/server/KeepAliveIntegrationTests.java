package dev.postflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A keep-alive connection stays usable after the server answered a request without reading its body (a write
 * refused for want of a token): the next request on the same connection is answered at once.
 */
class KeepAliveIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void answersTheNextRequestOnAConnectionWhoseLastBodyWasRefusedUnread() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        String body = "{\"name\":\"x\"}";
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port));
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
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

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One response: headers, then Content-Length bytes of body. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = head.toString()
                .lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElse(0);
        in.readNBytes(length);
        return head.toString();
    }
}

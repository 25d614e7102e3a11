package dev.postflux.server;

import static dev.postflux.support.RawHttp.readResponse;
import static dev.postflux.support.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.RawHttp;
import java.io.IOException;
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
}

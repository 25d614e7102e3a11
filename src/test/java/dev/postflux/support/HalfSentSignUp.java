package dev.postflux.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A sign-up on a keep-alive connection whose request head and first half of the body are sent now, and the rest by
 * {@link #finish}. The head asks for {@code 100 Continue}, and the body is sent only once the server has answered
 * it: the server is then handling the request (Reactor Netty sends the interim response when the handler starts
 * reading the body), which a test needs to know before it sends a signal. Without that, on a slow machine the
 * signal could arrive before the server had read the head from its socket; the connection then still looked idle
 * and was closed with the request unread. A client whose request was never read can send it again to another
 * instance; one whose request was being served must get its answer, which is what this lets a test check.
 */
public final class HalfSentSignUp {

    private final Socket socket;
    private final byte[] rest;

    public HalfSentSignUp(int port, String email) throws IOException {
        byte[] body = ("{\"name\":\"Grace\",\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n";
        this.socket = RawHttp.connect(port, Duration.ofSeconds(20));
        RawHttp.send(socket, head);
        assertThat(RawHttp.readResponse(socket)).startsWith("HTTP/1.1 100");
        int half = body.length / 2;
        socket.getOutputStream().write(body, 0, half);
        socket.getOutputStream().flush();
        this.rest = Arrays.copyOfRange(body, half, body.length);
    }

    /** Sends the rest of the body and returns the final response, head and body. */
    public String finish() throws IOException {
        try (socket) {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            return RawHttp.readResponse(socket);
        }
    }
}

package dev.postflux.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a plain socket, for tests of what a client library would hide: requests sent in pieces,
 * several requests on one keep-alive connection, a body still being sent when the answer comes.
 */
public final class RawHttp {

    private RawHttp() {}

    public static Socket connect(int port, Duration readTimeout) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port));
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    public static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads one response: its head, then as many body bytes as its Content-Length says. */
    public static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        int length = head.toString()
                .lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(
                        line.substring("content-length:".length()).trim()))
                .findFirst()
                .orElse(0);
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}

package dev.postflux.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A deliberately primitive HTTP client over a plain socket: it reads exactly as much as a test tells it to, with a
 * small receive buffer, which is how a slow or stalled client looks to the server. WebClient would read ahead.
 */
public final class RawHttpStream implements AutoCloseable {

    private static final Duration READ_UNTIL_DEADLINE = Duration.ofSeconds(120);

    private final Socket socket;
    private final InputStream in;
    private final StringBuilder received = new StringBuilder();

    private RawHttpStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * Sends {@code GET path} with the given Accept header and any further {@code Name: value} headers; the receive
     * buffer is set before connecting.
     */
    public static RawHttpStream get(int port, String path, String accept, int receiveBuffer, String... headers)
            throws IOException {
        var socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        socket.connect(new InetSocketAddress("localhost", port));
        var stream = new RawHttpStream(socket);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n"
                + String.join(
                        "",
                        java.util.Arrays.stream(headers)
                                .map(header -> header + "\r\n")
                                .toList())
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return stream;
    }

    /** Reads about {@code bytes} more bytes (or less if the server closes) and returns everything received. */
    public String read(int bytes) throws IOException {
        byte[] buffer = new byte[Math.min(bytes, 8192)];
        int total = 0;
        while (total < bytes) {
            int n = in.read(buffer, 0, Math.min(buffer.length, bytes - total));
            if (n < 0) {
                break;
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            total += n;
        }
        return received.toString();
    }

    /** Reads until {@code text} has been received or the server closes; returns everything received. */
    public String readUntil(String text) throws IOException {
        byte[] buffer = new byte[8192];
        int searchFrom = 0;
        // Heartbeats keep a stream alive forever: the socket timeout alone would never end a wait for a text
        // that does not come. A test that waits this long has failed; say so instead of hanging the build.
        long deadline = System.nanoTime() + READ_UNTIL_DEADLINE.toNanos();
        while (received.indexOf(text, searchFrom) < 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new java.net.SocketTimeoutException(
                        "No '" + text.strip() + "' within " + READ_UNTIL_DEADLINE + "; received so far: " + tail());
            }
            // Only the new part (and a text's length before it) can complete a match: no quadratic rescans.
            searchFrom = Math.max(0, received.length() - text.length());
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    private String tail() {
        return received.substring(Math.max(0, received.length() - 500));
    }

    public String received() {
        return received.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

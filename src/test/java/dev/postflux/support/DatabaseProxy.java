package dev.postflux.support;

import dev.postflux.database.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay between the server under test and the test PostgreSQL that can play an outage: {@link #freeze()}
 * stops every byte while keeping the sockets open (a stopped or overloaded PostgreSQL), {@link #refuse()} drops
 * every connection and refuses new ones (a PostgreSQL that is down), {@link #restore()} forwards again. Runs on
 * plain threads of its own, never on an event loop.
 */
public final class DatabaseProxy implements AutoCloseable {

    private enum State {
        FORWARDING,
        FROZEN,
        REFUSING
    }

    private final DatabaseUrl target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile State state = State.FORWARDING;
    private final AtomicReference<String> cutMarker = new AtomicReference<>();

    private DatabaseProxy(DatabaseUrl target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("database-proxy-accept", this::accept);
    }

    /** A proxy in front of the test database, forwarding. */
    public static DatabaseProxy toTestDatabase() {
        try {
            return new DatabaseProxy(TestDatabase.location());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code DATABASE_URL} for the server under test: the test database, through this proxy. */
    public String databaseUrl() {
        String credentials =
                encode(target.username()) + (target.password() == null ? "" : ":" + encode(target.password()));
        return "postgres://" + credentials + "@127.0.0.1:" + server.getLocalPort() + "/" + encode(target.database());
    }

    public void freeze() {
        state = State.FROZEN;
    }

    public void refuse() {
        state = State.REFUSING;
        sockets.forEach(DatabaseProxy::closeQuietly);
        sockets.clear();
    }

    /**
     * The next time the server sends text containing {@code marker} ({@code "COMMIT"}), forwards it to PostgreSQL,
     * then closes that connection: PostgreSQL gets the statement and runs it, the server never hears back. The
     * connection lost at the worst moment for a write.
     */
    public void cutAfterForwarding(String marker) {
        cutMarker.set(marker);
    }

    public void restore() {
        synchronized (gate) {
            state = State.FORWARDING;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(DatabaseProxy::closeQuietly);
        restore();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (state == State.REFUSING) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                daemon("database-proxy-up", () -> pump(client, upstream, true));
                daemon("database-proxy-down", () -> pump(upstream, client, false));
            } catch (IOException e) {
                // The server socket closed, or the database refused this one connection: the client sees it fail.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitForwarding();
                out.write(buffer, 0, n);
                out.flush();
                String marker = cutMarker.get();
                if (fromServer
                        && marker != null
                        // Byte for character: the markers are ASCII, and the protocol's other bytes match none.
                        && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(marker)
                        && cutMarker.compareAndSet(marker, null)) {
                    // Both sides close (finally): PostgreSQL reads the statement before the end of the stream and runs
                    // it; the server's side sees its connection end before any answer.
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // One side went away, or refuse() closed both: the other side sees the connection end.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitForwarding() throws InterruptedException, IOException {
        synchronized (gate) {
            while (state == State.FROZEN) {
                gate.wait();
            }
        }
        if (state == State.REFUSING) {
            throw new IOException("refusing");
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package dev.postflux.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A peer on loopback that never answers, in one of two ways a dead database host behaves: its TCP handshake never
 * completes ({@link #unanswered()}), or the connection opens and then nothing is ever said ({@link #mute()}).
 */
public final class SilentPeer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());

    private SilentPeer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * A listener that never accepts, its queue filled first: Linux then drops every new SYN, so a connect neither
     * succeeds nor is refused, as with a host that has gone away behind a firewall.
     */
    public static SilentPeer unanswered() {
        try {
            var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            var peer = new SilentPeer(listener);
            // A backlog of 1 queues up to two completed connections; a few more leave no doubt.
            for (int i = 0; i < 4; i++) {
                var filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
                } catch (IOException dropped) {
                    // The queue is already full: what we wanted.
                }
                peer.held.add(filler);
            }
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listener that accepts every connection and then never sends a byte, nor closes it. */
    public static SilentPeer mute() {
        try {
            var peer = new SilentPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            var acceptor = new Thread(peer::holdEveryConnection, "mute-peer");
            acceptor.setDaemon(true);
            acceptor.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void holdEveryConnection() {
        while (true) {
            try {
                held.add(listener.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}

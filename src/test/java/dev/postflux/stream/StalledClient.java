package dev.postflux.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a client that stops reading may legitimately make the server hold, outside the server's own pages. */
final class StalledClient {

    /**
     * Reactor Netty's send prefetch ({@code reactor.netty.send.maxPrefetchSize}, 128 in 1.3): the writes it asks
     * the body publisher for before the socket takes any, and asks for again only as writes reach the socket.
     */
    static final int WRITE_PREFETCH = Integer.getInteger("reactor.netty.send.maxPrefetchSize", 128);

    private StalledClient() {}

    /**
     * What the kernel's send buffer may hold (autotuned up to {@code tcp_wmem}'s maximum). This depends on the
     * machine's kernel, so it is read, not assumed.
     */
    static long kernelSendBufferMax() {
        try {
            String[] tcpWmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem"))
                    .trim()
                    .split("\\s+");
            return Long.parseLong(tcpWmem[2]);
        } catch (IOException | RuntimeException notLinux) {
            return 4L * 1024 * 1024;
        }
    }
}

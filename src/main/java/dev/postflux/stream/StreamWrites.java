package dev.postflux.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import reactor.core.publisher.SynchronousSink;

/**
 * Groups one stream's encoded rows into writes: a write ends after {@value #ROWS_PER_WRITE} rows or once it holds
 * {@value #BYTES_PER_WRITE} bytes, whichever comes first, and a write that a large row made longer is cut into
 * pieces of at most that size ({@link #pieces}). Reactor Netty asks for 128 writes ahead of the socket
 * ({@code reactor.netty.send.maxPrefetchSize}) and asks for more only as writes reach it, so a client that stops
 * reading holds at most 128 x 16 KiB = 2 MiB of writes, whatever the row size. Small rows still go 32 to a write:
 * one write and one flush per 32 rows is far cheaper than one per row.
 */
final class StreamWrites<T> {

    static final int ROWS_PER_WRITE = 32;
    static final int BYTES_PER_WRITE = 16 * 1024;

    private final BiConsumer<ByteArrayOutputStream, T> encoder;
    private final RowSizes sizes;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(BYTES_PER_WRITE);
    private int pendingRows;

    /** One per stream: it keeps the write being filled. {@code sizes} learns each row's encoded size. */
    StreamWrites(BiConsumer<ByteArrayOutputStream, T> encoder, RowSizes sizes) {
        this.encoder = encoder;
        this.sizes = sizes;
    }

    /** For {@code Flux.handle}: encodes the row into the pending write, and passes that on once it is full. */
    void add(T row, SynchronousSink<byte[]> writes) {
        int before = pending.size();
        encoder.accept(pending, row);
        sizes.record(pending.size() - before);
        if (++pendingRows == ROWS_PER_WRITE || pending.size() >= BYTES_PER_WRITE) {
            writes.next(take());
        }
    }

    /** The last, partly filled write once the rows have ended; null when there is none. */
    byte[] rest() {
        return pendingRows == 0 ? null : take();
    }

    /** A write cut into pieces of at most {@value #BYTES_PER_WRITE} bytes, of about equal size, without copying. */
    static List<ByteBuffer> pieces(byte[] write) {
        int count = (write.length + BYTES_PER_WRITE - 1) / BYTES_PER_WRITE;
        if (count <= 1) {
            return List.of(ByteBuffer.wrap(write));
        }
        int size = (write.length + count - 1) / count;
        var pieces = new ArrayList<ByteBuffer>(count);
        for (int offset = 0; offset < write.length; offset += size) {
            pieces.add(ByteBuffer.wrap(write, offset, Math.min(size, write.length - offset)));
        }
        return pieces;
    }

    private byte[] take() {
        byte[] write = pending.toByteArray();
        // A new buffer rather than reset(): one that a large row grew would otherwise stay that large.
        pending = new ByteArrayOutputStream(BYTES_PER_WRITE);
        pendingRows = 0;
        return write;
    }
}

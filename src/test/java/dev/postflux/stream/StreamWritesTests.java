package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How rows become writes: a few small rows together, never much more than 16 KiB in one piece. */
class StreamWritesTests {

    @Test
    void putsThirtyTwoSmallRowsInOneWrite() {
        List<byte[]> writes = writes(Flux.range(0, 70).map(i -> row(300)));

        assertThat(writes).extracting(write -> write.length).containsExactly(32 * 300, 32 * 300, 6 * 300);
    }

    @Test
    void endsAWriteOnceItHoldsSixteenKibibytes() {
        List<byte[]> writes = writes(Flux.range(0, 20).map(i -> row(2_000)));

        assertThat(writes).extracting(write -> write.length).containsExactly(9 * 2_000, 9 * 2_000, 2 * 2_000);
    }

    @Test
    void cutsALargeRowIntoPiecesOfAtMostSixteenKibibytes() {
        byte[] write = row(50_000);

        List<ByteBuffer> pieces = StreamWrites.pieces(write);

        assertThat(pieces)
                .hasSize(4)
                .allSatisfy(piece -> assertThat(piece.remaining()).isLessThanOrEqualTo(StreamWrites.BYTES_PER_WRITE));
        var joined = new ByteArrayOutputStream();
        pieces.forEach(piece -> joined.write(piece.array(), piece.position(), piece.remaining()));
        assertThat(joined.toByteArray()).isEqualTo(write);
    }

    @Test
    void leavesAWriteOfSixteenKibibytesOrLessWhole() {
        byte[] write = row(StreamWrites.BYTES_PER_WRITE);

        assertThat(StreamWrites.pieces(write)).singleElement().satisfies(piece -> {
            assertThat(piece.array()).isSameAs(write);
            assertThat(piece.remaining()).isEqualTo(write.length);
        });
    }

    @Test
    void measuresEveryRowItEncodes() {
        var sizes = new RowSizes();

        writes(Flux.range(0, 64).map(i -> row(50_000)), sizes);

        assertThat(sizes.rowsIn(1024 * 1024, 10, 1000)).isEqualTo(20);
    }

    private static List<byte[]> writes(Flux<byte[]> rows) {
        return writes(rows, new RowSizes());
    }

    private static List<byte[]> writes(Flux<byte[]> rows, RowSizes sizes) {
        var writes = new StreamWrites<byte[]>(ByteArrayOutputStream::writeBytes, sizes);
        return rows.<byte[]>handle(writes::add)
                .concatWith(Mono.fromSupplier(writes::rest))
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private static byte[] row(int bytes) {
        return new byte[bytes];
    }
}

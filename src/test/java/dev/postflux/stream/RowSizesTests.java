package dev.postflux.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Page sizes from the encoded size of rows: about a page's worth of bytes, within the row limits. */
class RowSizesTests {

    private static final long MEBIBYTE = 1024 * 1024;

    @Test
    void fillsAPageOfSmallRowsUpToItsRowLimit() {
        var sizes = measured(300, 100);

        assertThat(sizes.rowsIn(MEBIBYTE, 10, 1000)).isEqualTo(1000);
    }

    @Test
    void asksForFewerRowsWhenRowsAreLarge() {
        var sizes = measured(50_000, 100);

        assertThat(sizes.rowsIn(MEBIBYTE, 10, 1000)).isEqualTo(20);
    }

    @Test
    void neverAsksForFewerRowsThanItsMinimum() {
        var sizes = measured(1_000_000, 100);

        assertThat(sizes.rowsIn(MEBIBYTE, 10, 1000)).isEqualTo(10);
    }

    @Test
    void followsRowsThatGrowWithinAFewDozenRows() {
        var sizes = measured(300, 1000);

        for (int i = 0; i < 64; i++) {
            sizes.record(50_000);
        }

        assertThat(sizes.rowsIn(MEBIBYTE, 10, 1000)).isLessThan(30);
    }

    @Test
    void saysWhenTheFirstRowIsMeasured() {
        var sizes = new RowSizes();
        var measured = sizes.firstRowMeasured();

        StepVerifier.create(measured)
                .then(() -> sizes.record(100))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    private static RowSizes measured(int bytes, int rows) {
        var sizes = new RowSizes();
        for (int i = 0; i < rows; i++) {
            sizes.record(bytes);
        }
        return sizes;
    }
}

package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTests {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        var cursor = new Cursor(Instant.parse("2026-06-14T09:12:00.123456Z"), 42);

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejectsAnythingItDidNotIssue() {
        for (String text : new String[] {"", "abc", "!!!", "MTIz", "eC55", "MTIzLi0x"}) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> Cursor.decode(text));
        }
    }
}

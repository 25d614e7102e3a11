package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTests {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsLikeTheReferenceFormatter() {
        var random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            var instant = Instant.ofEpochSecond(
                    random.nextLong(-30_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000));

            assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void writesTheDocumentedShape() {
        assertThat(Timestamps.format(Instant.parse("2026-06-14T09:12:00Z"))).isEqualTo("2026-06-14T09:12:00.000Z");
        assertThat(Timestamps.format(Instant.parse("1970-01-01T00:00:00.999999Z")))
                .isEqualTo("1970-01-01T00:00:00.999Z");
    }
}

package dev.postflux.common.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A keyset position in a list ordered by {@code created_at DESC, id DESC}: the last row a client has seen. Opaque
 * to clients (base64url), so the encoding may change without breaking them.
 */
public record Cursor(Instant createdAt, long id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return ENCODER.encodeToString((micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this server issued */
    public static Cursor decode(String text) {
        try {
            String[] parts = new String(DECODER.decode(text), StandardCharsets.US_ASCII).split("\\.", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a cursor");
            }
            long id = Long.parseLong(parts[1]);
            if (id <= 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), id);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("is not a valid cursor", e);
        }
    }
}

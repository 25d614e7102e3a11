package dev.postflux.common.web;

import java.util.regex.Pattern;

/**
 * Integers as the API writes them: ASCII digits, no sign on a positive number, no leading zero. Java's own parsing
 * also takes {@code +3}, {@code 003} and digits of other scripts ({@code ٣}), which would give one user, one id or one
 * limit several spellings: several cache keys for one resource, several rate-limit buckets for one user.
 */
public final class CanonicalNumbers {

    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,9}");

    private CanonicalNumbers() {}

    /** @return the number, or 0 when {@code text} is not a positive integer so written, or is over a long's range */
    public static long positiveLong(String text) {
        if (text == null || !POSITIVE.matcher(text).matches()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException overLongRange) {
            return 0;
        }
    }

    /** @throws NumberFormatException when {@code text} is not an int so written */
    public static int integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new NumberFormatException(text);
        }
        return Integer.parseInt(text);
    }
}

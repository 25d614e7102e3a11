package dev.postflux.common.web;

/**
 * Text with what a reader cannot see taken off its ends: whitespace, every Unicode space (no-break spaces among
 * them, which {@link String#strip()} keeps) and invisible format characters (zero-width spaces and joiners, the
 * byte-order mark). A name made only of them would pass as not blank and show as nothing.
 */
public final class Trimmed {

    private Trimmed() {}

    /** @return {@code text} without invisible ends; null for null */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && invisible(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && invisible(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean invisible(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }
}

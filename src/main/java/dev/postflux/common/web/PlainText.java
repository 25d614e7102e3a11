package dev.postflux.common.web;

/**
 * Which characters stored text may hold. Control characters (Unicode category Cc: U+0000-001F, U+007F-009F) show as
 * nothing, or act: an escape sequence in a name recolours or rewrites the terminal of whoever lists users with a
 * command-line tool, and a name of one bell character is not blank. Single-line fields (names, titles) take none;
 * multi-line text (a post's body, a bio) takes tabs and line breaks. Single-line fields also refuse Unicode's line
 * and paragraph separators (U+2028, U+2029: line breaks to JavaScript) and the bidirectional overrides and isolates
 * (U+202A-202E, U+2066-2069), which make a name display in another order than it is stored.
 *
 * <p>Each rule is one negated character class, for {@code @Pattern}, anchored because the API description's
 * patterns (JSON Schema) match anywhere in a string where {@code @Pattern} matches the whole. It runs in linear time
 * without recursion, so a 50,000-character body costs one pass (an alternation under {@code *} would recurse once
 * per character).
 */
public final class PlainText {

    public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]*$";

    public static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$";

    public static final String SINGLE_LINE_MESSAGE = "must not contain control characters or line breaks";

    public static final String MULTI_LINE_MESSAGE =
            "must not contain control characters other than tabs and line breaks";

    private PlainText() {}
}

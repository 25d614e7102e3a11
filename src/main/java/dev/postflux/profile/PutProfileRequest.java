package dev.postflux.profile;

import dev.postflux.common.web.PlainText;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.CodePointLength;

/** A whole profile, replacing any previous one; both fields optional. */
public record PutProfileRequest(
        @CodePointLength(max = 1000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MULTI_LINE_MESSAGE)
        String bio,

        @CodePointLength(max = 2048) @Pattern(regexp = WEBSITE, message = "must be an http(s) URL")
        String website) {

    /**
     * The rule of the CHECK constraint on {@code profiles.website}, {@code ^https?://[^\s/?#]+[^\s]*$}, in a form that
     * runs in linear time. That form backtracks quadratically when a long value fails (a space near its end), since
     * either quantifier may take any character the first allows; Hibernate Validator applies it even to a value over
     * the length limit, on the event loop. One character of the first class is all the rule needs, as the second
     * class takes the rest. Control characters, which are not whitespace, are refused too (common/web/PlainText), and
     * invisible format characters (a zero-width space, the byte-order mark, which ECMA-262's \s counts as space).
     * {@code PutProfileRequestTests} checks that both forms accept the same strings of printable characters.
     */
    public static final String WEBSITE =
            "(?U)^https?://[^\\s/?#\\x00-\\x1F\\x7F-\\x9F\\p{Cf}][^\\s\\x00-\\x1F\\x7F-\\x9F\\p{Cf}]*$";

    public PutProfileRequest {
        website = website == null || website.isBlank() ? null : website.strip();
    }
}

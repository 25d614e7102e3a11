package dev.postflux.post;

import dev.postflux.common.web.PlainText;
import dev.postflux.common.web.Trimmed;
import dev.postflux.tag.TagNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * What a client may set on a new post; titles are trimmed, and tags trimmed and lower-cased in the client's order
 * before validation, so that an error names the place the client put the name ({@code tags[2]}).
 */
public record CreatePostRequest(
        @NotBlank
        @CodePointLength(max = 200)
        @Pattern(regexp = PlainText.SINGLE_LINE, message = PlainText.SINGLE_LINE_MESSAGE)
        String title,

        @CodePointLength(max = 50_000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MULTI_LINE_MESSAGE)
        String body,

        // At most 20 names as sent, duplicates included: the API description's maxItems, which a client checks. A
        // null name is a validation error like any other, reported with the rest (refused as the list was read,
        // until 2026-12-07, it hid every other error of the body).
        @Size(max = TagNames.MAX_PER_POST)
        List<
                        @NotNull
                        @Pattern(regexp = TagNames.PATTERN, message = "must be 1-50 lower-case letters, digits or '-'")
                        String>
                tags) {

    public CreatePostRequest {
        title = Trimmed.of(title);
        tags = tags == null ? List.of() : TagNames.normalizeEach(tags);
    }

    /** The tags as they will be stored: each once, sorted. */
    public List<String> tagNames() {
        return TagNames.distinctSorted(tags);
    }
}

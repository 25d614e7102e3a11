package dev.postflux.post;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.postflux.tag.TagNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/** What a client may set on a new post; titles are trimmed and tags normalised before validation. */
public record CreatePostRequest(
        @NotBlank @CodePointLength(max = 200) String title,
        @CodePointLength(max = 50_000) String body,

        // A null name is refused as the list is read, so that the error names the client's index (tags[1]): the
        // constraints below see the list after normalisation, sorted.
        @JsonSetter(contentNulls = Nulls.FAIL) @Size(max = TagNames.MAX_PER_POST)
        List<@Pattern(regexp = TagNames.PATTERN, message = "must be 1-50 lower-case letters, digits or '-'") String>
                tags) {

    public CreatePostRequest {
        title = title == null ? null : title.strip();
        tags = tags == null ? List.of() : TagNames.normalize(tags);
    }
}

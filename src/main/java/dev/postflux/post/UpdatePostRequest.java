package dev.postflux.post;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import dev.postflux.common.web.ExplicitNulls;
import dev.postflux.common.web.PlainText;
import dev.postflux.common.web.Trimmed;
import dev.postflux.tag.TagNames;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * A partial update of a post: absent fields stay as they are. {@code body: null} clears the body; title and tags
 * cannot be null. A class with setters, because only a setter can tell "absent" from "null".
 * {@code @JsonProperty} on the fields only lets the OpenAPI schema see their constraints; the setters bind.
 */
public final class UpdatePostRequest implements ExplicitNulls {

    /** Title and tags may be left out, never set to null: reported with the body's other errors. */
    private final List<String> setToNull = new ArrayList<>(0);

    @CodePointLength(min = 1, max = 200)
    @Pattern(regexp = PlainText.SINGLE_LINE, message = PlainText.SINGLE_LINE_MESSAGE)
    @JsonProperty
    private String title;

    @CodePointLength(max = 50_000)
    @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MULTI_LINE_MESSAGE)
    @Schema(
            types = {"string", "null"},
            description = "null clears the body")
    @JsonProperty
    private String body;

    private boolean bodyGiven;

    @Size(max = TagNames.MAX_PER_POST)
    @JsonProperty
    private List<
                    @NotNull
                    @Pattern(regexp = TagNames.PATTERN, message = "must be 1-50 lower-case letters, digits or '-'")
                    String>
            tags;

    @JsonSetter("title")
    void setTitle(String title) {
        if (title == null) {
            setToNull.add("title");
        }
        this.title = Trimmed.of(title);
    }

    @JsonSetter("body")
    void setBody(String body) {
        this.body = body;
        this.bodyGiven = true;
    }

    @JsonSetter("tags")
    void setTags(List<String> tags) {
        if (tags == null) {
            setToNull.add("tags");
        }
        this.tags = TagNames.normalizeEach(tags);
    }

    @Override
    public List<String> fieldsSetToNull() {
        return setToNull;
    }

    public String title() {
        return title;
    }

    /** The new body (null clears it); meaningful only when {@link #bodyGiven()}. */
    public String body() {
        return body;
    }

    public boolean bodyGiven() {
        return bodyGiven;
    }

    /** The new set of tags as it will be stored (each once, sorted), or null when not given. */
    public List<String> tagNames() {
        return TagNames.distinctSorted(tags);
    }

    boolean isEmpty() {
        return title == null && !bodyGiven && tags == null;
    }
}

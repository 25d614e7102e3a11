package dev.postflux.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import dev.postflux.common.web.ExplicitNulls;
import dev.postflux.common.web.PlainText;
import dev.postflux.common.web.Trimmed;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * A partial update: absent fields stay as they are, and none may be set to null. A class with setters rather than
 * a record, because only a setter can tell "absent" (never called) from "null" (called, and rejected).
 * {@code @JsonProperty} on the fields only lets the OpenAPI schema see their constraints; the setters bind.
 */
public final class UpdateUserRequest implements ExplicitNulls {

    /** Name, email and role may be left out, never set to null: reported with the body's other errors. */
    private final List<String> setToNull = new ArrayList<>(0);

    @CodePointLength(min = 1, max = 100)
    @Pattern(regexp = PlainText.SINGLE_LINE, message = PlainText.SINGLE_LINE_MESSAGE)
    @JsonProperty
    private String name;

    @CodePointLength(max = 254)
    @Pattern(regexp = CreateUserRequest.EMAIL, message = "must be a valid email address")
    @JsonProperty
    private String email;

    @JsonProperty
    private Role role;

    @JsonSetter("name")
    void setName(String name) {
        if (name == null) {
            setToNull.add("name");
        }
        this.name = Trimmed.of(name);
    }

    @JsonSetter("email")
    void setEmail(String email) {
        if (email == null) {
            setToNull.add("email");
        }
        this.email = email == null ? null : email.strip();
    }

    @JsonSetter("role")
    void setRole(Role role) {
        if (role == null) {
            setToNull.add("role");
        }
        this.role = role;
    }

    @Override
    public List<String> fieldsSetToNull() {
        return setToNull;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    boolean isEmpty() {
        return name == null && email == null && role == null;
    }
}

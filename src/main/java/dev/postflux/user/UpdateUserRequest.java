package dev.postflux.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.postflux.common.web.PlainText;
import dev.postflux.common.web.Trimmed;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * A partial update: absent fields stay as they are, and none may be set to null. A class with setters rather than
 * a record, because only a setter can tell "absent" (never called) from "null" (called, and rejected).
 * {@code @JsonProperty} on the fields only lets the OpenAPI schema see their constraints; the setters bind.
 */
public final class UpdateUserRequest {

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

    @JsonSetter(value = "name", nulls = Nulls.FAIL)
    void setName(String name) {
        this.name = Trimmed.of(name);
    }

    @JsonSetter(value = "email", nulls = Nulls.FAIL)
    void setEmail(String email) {
        this.email = email.strip();
    }

    @JsonSetter(value = "role", nulls = Nulls.FAIL)
    void setRole(Role role) {
        this.role = role;
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

package dev.postflux.user;

import dev.postflux.common.web.Trimmed;
import dev.postflux.post.CreatePostRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * A new user, optionally with posts written in the same transaction. Names and emails are trimmed first. Lengths
 * are {@code @CodePointLength}, in characters as the CHECK constraints count them, not {@code @Size}'s UTF-16 units.
 */
public record CreateUserRequest(
        @NotBlank @CodePointLength(max = 100) String name,

        @NotNull @CodePointLength(max = 254) @Pattern(regexp = EMAIL, message = "must be a valid email address")
        String email,

        Role role,
        @Size(max = 100) List<@NotNull @Valid CreatePostRequest> posts) {

    /**
     * The rule of the CHECK constraint on {@code users.email}, {@code ^[^@\s]+@[^@\s]+\.[^@\s]+$}, in a form that
     * runs in linear time. That form backtracks quadratically over a long domain that fails (Hibernate Validator
     * applies it even to a value over the length limit, on the event loop). Its domain is "one character, then a dot
     * with a character after it"; whenever some dot there qualifies, the first dot after the first character does too,
     * so only that dot is tried. {@code CreateUserRequestTests} checks that both forms accept the same strings.
     */
    public static final String EMAIL = "(?U)^[^@\\s]+@[^@\\s][^@\\s.]*\\.[^@\\s]+$";

    public CreateUserRequest {
        name = Trimmed.of(name);
        email = email == null ? null : email.strip();
        role = role == null ? Role.MEMBER : role;
        posts = posts == null ? List.of() : posts;
    }
}

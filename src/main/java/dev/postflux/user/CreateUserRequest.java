package dev.postflux.user;

import dev.postflux.common.web.PlainText;
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
        @NotBlank
        @CodePointLength(max = 100)
        @Pattern(regexp = PlainText.SINGLE_LINE, message = PlainText.SINGLE_LINE_MESSAGE)
        String name,

        @NotNull @CodePointLength(max = 254) @Pattern(regexp = EMAIL, message = "must be a valid email address")
        String email,

        Role role,
        @Size(max = 100) List<@NotNull @Valid CreatePostRequest> posts) {

    private static final String ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]";

    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";

    /**
     * An address as mail systems deliver it, close to validator.js's {@code isEmail} (what the Sequelize stack we
     * port validates with): a local part of at most 64 characters, dot-separated atoms of letters (with their combining
     * marks, as Indic scripts write them), digits and
     * {@code !#$%&'*+/=?^_`{|}~-} (no quoted forms, no leading, trailing or doubled dot); a domain of labels of
     * letters, digits and inner hyphens (at most 63 characters each), ending in a top-level label of two or more
     * letters or an {@code xn--} (IDNA) one. Controls, spaces and invisible characters (a zero-width space would make
     * a look-alike of a taken address) are refused anywhere.
     *
     * <p>The database's CHECK constraint on {@code users.email} is the looser {@code ^[^@\s]+@[^@\s]+\.[^@\s]+$}:
     * a structural backstop that accepts everything this accepts ({@code CreateUserRequestTests}), so that no valid
     * request fails in the database. Hibernate Validator applies the pattern even to a value over the length limit,
     * on the event loop: the first look-ahead ends the match of a long value after 254 characters (a megabyte of
     * {@code a.a.a...} had cost 130 ms), and possessive quantifiers keep it linear below that.
     */
    public static final String EMAIL = "^(?=.{1,254}$)(?=[^@]{1,64}@)"
            + ATOM + "++(?:\\." + ATOM + "++)*+"
            + "@(?:" + LABEL + "\\.)++"
            + "(?:\\p{L}[\\p{L}\\p{M}]{1,62}|[xX][nN]--[A-Za-z0-9-]{1,59})$";

    public CreateUserRequest {
        name = Trimmed.of(name);
        email = email == null ? null : email.strip();
        role = role == null ? Role.MEMBER : role;
        posts = posts == null ? List.of() : posts;
    }
}

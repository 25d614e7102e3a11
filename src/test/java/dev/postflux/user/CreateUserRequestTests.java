package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.AllStrings;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CreateUserRequestTests {

    /** The rule as the CHECK constraint on users.email says it (migrations/V1__create_users.sql). */
    private static final Pattern DATABASE_RULE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private static final Pattern EMAIL = Pattern.compile(CreateUserRequest.EMAIL);

    @Test
    void acceptsOnlyEmailsTheDatabaseRuleAccepts() {
        var strings = AllStrings.over("a.@ -", 8);

        assertThat(strings).hasSizeGreaterThan(400_000);
        assertThat(strings.stream().filter(s -> EMAIL.matcher(s).matches()))
                .isNotEmpty()
                .allMatch(s -> DATABASE_RULE.matcher(s).matches());
    }

    @Test
    void acceptsAddressesMailSystemsDeliver() {
        assertThat(List.of(
                        "ada@example.com",
                        "first.last+tag@mail.example.co.uk",
                        "o'brien@example.ie",
                        "x_y-z!#$%&*/=?^`{|}~@a-b.example.org",
                        "用户@例子.广告",
                        "x@उदाहरण.भारत",
                        "e\u0301@example.com",
                        "user@example.xn--p1ai",
                        "a".repeat(64) + "@example.com",
                        "user@" + "d".repeat(63) + ".example"))
                .allMatch(email -> EMAIL.matcher(email).matches());
    }

    @Test
    void refusesWhatIsNoAddressOrHidesCharacters() {
        assertThat(List.of(
                        "a..b@example.com",
                        ".a@example.com",
                        "a.@example.com",
                        "x@-example.com",
                        "x@example-.com",
                        "x@example..com",
                        "x@.example.com",
                        "x@example.com.",
                        "x@example.c",
                        "x@localhost",
                        "x@1.2.3.4",
                        "x@[127.0.0.1]",
                        "\"quoted\"@example.com",
                        "a b@example.com",
                        "a@b@example.com",
                        "e\u001c@example.com",
                        "ada\u200b@example.com",
                        "ada@exa\u00admple.com",
                        "a".repeat(65) + "@example.com",
                        "user@" + "d".repeat(64) + ".example"))
                .noneMatch(email -> EMAIL.matcher(email).matches());
    }
}

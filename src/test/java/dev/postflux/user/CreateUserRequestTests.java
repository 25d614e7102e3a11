package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.AllStrings;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CreateUserRequestTests {

    /** The rule as the CHECK constraint on users.email says it (migrations/V1__create_users.sql). */
    private static final Pattern DATABASE_RULE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    @Test
    void acceptsExactlyTheEmailsTheDatabaseRuleAccepts() {
        Pattern email = Pattern.compile(CreateUserRequest.EMAIL);

        var strings = AllStrings.over("a.@ ", 8);

        assertThat(strings).hasSizeGreaterThan(80_000);
        assertThat(strings.stream()
                        .filter(s -> email.matcher(s).matches()
                                != DATABASE_RULE.matcher(s).matches()))
                .isEmpty();
    }
}

package dev.postflux.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.AllStrings;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PutProfileRequestTests {

    /** The rule as the CHECK constraint on profiles.website says it (migrations/V3__create_profiles.sql). */
    private static final Pattern DATABASE_RULE = Pattern.compile("^https?://[^\\s/?#]+[^\\s]*$");

    @Test
    void acceptsExactlyTheWebsitesTheDatabaseRuleAccepts() {
        Pattern website = Pattern.compile(PutProfileRequest.WEBSITE);

        var strings = Stream.of("http://", "https://", "http:/", "")
                .flatMap(scheme -> AllStrings.over("a/?# .", 6).stream().map(rest -> scheme + rest))
                .toList();

        assertThat(strings).hasSizeGreaterThan(200_000);
        assertThat(strings.stream()
                        .filter(s -> website.matcher(s).matches()
                                != DATABASE_RULE.matcher(s).matches()))
                .isEmpty();
    }

    @Test
    void refusesControlAndInvisibleCharactersAnywhere() {
        Pattern website = Pattern.compile(PutProfileRequest.WEBSITE);

        assertThat(List.of("https://a\u0007b", "https://a/\u200bb", "https://a\uFEFF", "https://\u001b[31m"))
                .noneMatch(url -> website.matcher(url).matches());
        assertThat(website.matcher("https://例え.jp/パス?q=1#top").matches()).isTrue();
    }
}

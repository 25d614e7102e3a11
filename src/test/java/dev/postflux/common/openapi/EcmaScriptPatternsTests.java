package dev.postflux.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postflux.profile.PutProfileRequest;
import dev.postflux.support.AllStrings;
import dev.postflux.user.CreateUserRequest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EcmaScriptPatternsTests {

    @Test
    void dropsJavasUnicodeFlagAndPossessiveQuantifiers() {
        assertThat(EcmaScriptPatterns.of("(?U)^[^@\\s]+@x$")).isEqualTo("^[^@\\s]+@x$");
        assertThat(EcmaScriptPatterns.of("^a++(?:b*+)c?+d{1,2}+(?:e)++$")).isEqualTo("^a+(?:b*)c?d{1,2}(?:e)+$");
    }

    @Test
    void keepsTheQuantifierAfterAnEscapeWithBraces() {
        assertThat(EcmaScriptPatterns.of("\\p{L}+x")).isEqualTo("\\p{L}+x");
        assertThat(EcmaScriptPatterns.of("\\p{L}++\\x{41}*+")).isEqualTo("\\p{L}+\\x{41}*");
    }

    @Test
    void refusesTheUnicodeFlagWhereEcmaScriptWouldReadAClassAsAscii() {
        assertThatThrownBy(() -> EcmaScriptPatterns.of("(?U)^\\w+$")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EcmaScriptPatterns.of("(?U)^\\\\w$"))
                .as("an escaped backslash, then w")
                .isEqualTo("^\\\\w$");
    }

    @Test
    void leavesClassesEscapesAndLazyQuantifiersAlone() {
        assertThat(EcmaScriptPatterns.of("[*+?{}]++")).isEqualTo("[*+?{}]+");
        assertThat(EcmaScriptPatterns.of("\\++")).isEqualTo("\\++");
        assertThat(EcmaScriptPatterns.of("[\\]+]*x+?(?=y)")).isEqualTo("[\\]+]*x+?(?=y)");
    }

    @Test
    void publishedEmailAndWebsiteRulesAcceptTheSameStringsInJavasEngine() {
        assertSameLanguage(CreateUserRequest.EMAIL, AllStrings.over("a.@-", 8));
        assertSameLanguage(
                PutProfileRequest.WEBSITE,
                AllStrings.over("a/?# .", 5).stream()
                        .map(rest -> "https://" + rest)
                        .toList());
    }

    private static void assertSameLanguage(String java, java.util.List<String> strings) {
        Pattern server = Pattern.compile(java);
        Pattern published = Pattern.compile(EcmaScriptPatterns.of(java));
        assertThat(strings.stream().filter(s -> server.matcher(s).matches()))
                .as("strings the rule accepts")
                .isNotEmpty();
        assertThat(strings.stream()
                        .filter(s -> server.matcher(s).matches()
                                != published.matcher(s).matches()))
                .as(java)
                .isEmpty();
    }
}

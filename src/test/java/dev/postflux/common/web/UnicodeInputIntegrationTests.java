package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.profile.PutProfileRequest;
import dev.postflux.support.IntegrationTest;
import dev.postflux.user.CreateUserRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Text the database would refuse or could not store is refused by the API first, as a 400 that names the field:
 * never stored changed, never a generic "violates a data constraint".
 */
class UnicodeInputIntegrationTests extends IntegrationTest {

    /** As the CHECK constraints say them (migrations/V1__create_users.sql, V3__create_profiles.sql). */
    private static final String DATABASE_EMAIL_RULE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private static final String DATABASE_WEBSITE_RULE = "^https?://[^\\s/?#]+[^\\s]*$";

    @Test
    void refusesTextWithAnUnpairedSurrogateNamingTheField() {
        for (String body : new String[] {
            "{\"name\":\"a\\ud800b\",\"email\":\"s1@example.com\"}",
            "{\"name\":\"s\",\"email\":\"a\\udc00@example.com\"}",
            "{\"name\":\"s\",\"email\":\"s2@example.com\",\"posts\":[{\"title\":\"t\",\"tags\":[\"ok\",\"x\\ud800\"]}]}"
        }) {
            anonymous
                    .post()
                    .uri("/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .value(field -> assertThat((String) field).isIn("name", "email", "posts[0].tags[1]"))
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be well-formed Unicode text (it has an unpaired surrogate)");
        }
        // A surrogate pair is one character, and welcome.
        anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\\ud83d\\ude00\",\"email\":\"smile@example.com\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("😀");
        assertThat(sql.count("users")).isEqualTo(1);
    }

    @Test
    void takesInvisibleCharactersOffTheEndsOfNamesAndTitles() {
        // No-break and zero-width spaces, which String.strip() keeps: a name of them alone is blank.
        anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\u00a0\u200b\u3000\",\"email\":\"blank@example.com\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("name");
        anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\ufeff Ada\u00a0\",\"email\":\"ada@example.com\","
                        + "\"posts\":[{\"title\":\"\u200bNotes\u2007\"}]}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ada")
                .jsonPath("$.posts[0].title")
                .isEqualTo("Notes");
    }

    @Test
    void refusesEveryEmailAndWebsiteTheDatabaseWouldRefuseForItsSpaces() {
        List<String> emails = new ArrayList<>();
        List<String> websites = new ArrayList<>();
        for (int c = 1; c <= 0xFFFF; c++) {
            if (!Character.isSurrogate((char) c) && c != '@' && c != '.' && c != '/' && c != '?' && c != '#') {
                emails.add("a" + (char) c + "b@example.com");
                websites.add("https://a" + (char) c + "b.example.com/x" + (char) c + "y");
            }
        }
        List<String> refusedEmails = refusedByTheDatabase(emails, DATABASE_EMAIL_RULE);
        List<String> refusedWebsites = refusedByTheDatabase(websites, DATABASE_WEBSITE_RULE);
        // Whatever the database's locale counts as a space, it counts at least these.
        assertThat(refusedEmails).contains("a b@example.com", "a\tb@example.com");

        var email = Pattern.compile(CreateUserRequest.EMAIL);
        var website = Pattern.compile(PutProfileRequest.WEBSITE);
        assertThat(refusedEmails).noneMatch(text -> email.matcher(text).matches());
        assertThat(refusedWebsites).noneMatch(text -> website.matcher(text).matches());
    }

    private List<String> refusedByTheDatabase(List<String> texts, String rule) {
        return sql.queryForList(
                "SELECT t FROM unnest(?::text[]) t WHERE NOT t ~ ?", String.class, texts.toArray(String[]::new), rule);
    }
}

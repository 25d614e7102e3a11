package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bearer tokens, checked end to end with real tokens: signature, expiry, not-before, issued-at, issuer, audience
 * and our own claims. Every refusal is a 401 problem with {@code WWW-Authenticate}, and writes nothing.
 */
class AuthenticationIntegrationTests extends IntegrationTest {

    long ada;

    @BeforeEach
    void ada() {
        ada = sql.insertUser("Ada", "ada@example.com", "member");
    }

    @Test
    void acceptsAValidTokenOnAWrite() {
        as(Tokens.member(ada))
                .patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada King"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();

        assertThat(name(ada)).isEqualTo("Ada King");
    }

    @Test
    void answersAWriteWithoutTokenWith401AndABearerChallenge() {
        var response = rename(anonymous);

        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.instance")
                .isEqualTo("/users/" + ada)
                .jsonPath("$.requestId")
                .exists();
        assertThat(name(ada)).isEqualTo("Ada");
    }

    @Test
    void rejectsAnUnsignedToken() {
        expectInvalidToken(Tokens.unsigned(ada));
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        expectInvalidToken(Tokens.signed(
                "another-secret-that-is-also-32-bytes-long!",
                Tokens.validClaims(ada).claim("role", "admin").build()));
    }

    @Test
    void rejectsATamperedToken() {
        String[] parts = Tokens.member(ada).split("\\.");
        String adminClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"iss\":\"postflux\",\"aud\":\"postflux-api\",\"sub\":\"" + ada
                                + "\",\"role\":\"admin\",\"exp\":"
                                + (Instant.now().getEpochSecond() + 3600) + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        expectInvalidToken(parts[0] + "." + adminClaims + "." + parts[2]);
    }

    @Test
    void rejectsAnExpiredToken() {
        expectInvalidToken(Tokens.signed(
                ada, claims -> claims.issueTime(ago(Duration.ofHours(2))).expirationTime(ago(Duration.ofMinutes(5)))));
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.expirationTime(null)));
    }

    @Test
    void rejectsATokenNotValidYet() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.notBeforeTime(ago(Duration.ofMinutes(-10)))));
    }

    @Test
    void rejectsATokenIssuedInTheFuture() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.issueTime(ago(Duration.ofMinutes(-10)))));
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.audience("another-api")));
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.issuer("https://evil.example.com")));
    }

    @Test
    void rejectsATokenWhoseSubjectIsNotAUserId() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.subject("ada@example.com")));
    }

    /** One spelling per user: the write and stream limits key on it. */
    @Test
    void rejectsATokenWhoseSubjectSpellsAUserIdOtherwiseThanPlainly() {
        long id = ada;
        String arabicIndic = String.valueOf(id)
                .chars()
                .map(digit -> '\u0660' + (digit - '0'))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        for (String subject : new String[] {"0" + id, "+" + id, arabicIndic, "0", "-" + id, "99999999999999999999"}) {
            expectInvalidToken(Tokens.signed(ada, claims -> claims.subject(subject)));
        }
    }

    @Test
    void rejectsATokenWithAnUnknownRole() {
        expectInvalidToken(Tokens.signed(ada, claims -> claims.claim("role", "superuser")));
    }

    @Test
    void rejectsAnInvalidTokenEvenOnAPublicRead() {
        anonymous
                .get()
                .uri("/users/{id}", ada)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.unsigned(ada))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    @Test
    void rejectsAMalformedAuthorizationHeader() {
        expectInvalidToken("not a token!");
    }

    @Test
    void servesReadsWithoutAToken() {
        anonymous.get().uri("/users/{id}", ada).exchange().expectStatus().isOk().expectBody();
        anonymous.get().uri("/users").exchange().expectStatus().isOk().expectBody();
        anonymous.get().uri("/posts").exchange().expectStatus().isOk().expectBody();
        anonymous
                .head()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .isEmpty();
    }

    @Test
    void letsAnyoneSignUpAsAMember() {
        anonymous
                .post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Grace", "email", "grace@example.com"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("member");
    }

    private void expectInvalidToken(String token) {
        var response = rename(as(token));

        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("The bearer token is invalid"));
        assertThat(name(ada)).isEqualTo("Ada");
    }

    private WebTestClient.ResponseSpec rename(WebTestClient client) {
        return client.patch()
                .uri("/users/{id}", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mallory"))
                .exchange();
    }

    private static String name(long id) {
        return sql.queryForObject("SELECT name FROM users WHERE id = ?", String.class, id);
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }
}

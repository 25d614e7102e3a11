package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.postflux.support.Tokens;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

/**
 * Tokens of a real identity provider: keys come from its JWK set URI (served here by a local HTTP server), as in a
 * deployment; a token signed by any other key, or with an HMAC algorithm, is refused.
 */
class JwtDecodingTests {

    private static final String ISSUER = "https://idp.example.com/";
    private static final String AUDIENCE = "postflux";

    private static IdentityProvider identityProvider;
    private static RSAKey providerKey;
    private static ReactiveJwtDecoder decoder;

    @BeforeAll
    static void identityProvider() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-key").generate();
        identityProvider = new IdentityProvider(new JWKSet(providerKey.toPublicJWK()));
        decoder = JwtDecoding.decoder(identityProvider.settings(ISSUER, AUDIENCE), null, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        identityProvider.close();
    }

    @Test
    void acceptsATokenSignedByTheIdentityProvidersKey() throws Exception {
        String token = rsaSigned(providerKey, claims());

        StepVerifier.create(decoder.decode(token))
                .assertNext(jwt -> {
                    assertThat(jwt.getSubject()).isEqualTo("42");
                    assertThat(jwt.getClaimAsString("role")).isEqualTo("admin");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void refusesATokenSignedByAnotherKeyWithTheSameId() throws Exception {
        var impostor = new RSAKeyGenerator(2048).keyID("provider-key").generate();

        expectRefused(rsaSigned(impostor, claims()));
    }

    @Test
    void refusesAnHmacTokenEvenIfItNamesTheKey() throws Exception {
        expectRefused(Tokens.signed(Tokens.SECRET, claims()));
        // The classic confusion: HS256 keyed with the provider's public key, which anyone can download.
        for (byte[] publicKey : new byte[][] {
            providerKey.toRSAPublicKey().getEncoded(),
            providerKey.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8)
        }) {
            var token = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID("provider-key")
                            .build(),
                    claims());
            token.sign(new com.nimbusds.jose.crypto.MACSigner(publicKey));
            expectRefused(token.serialize());
        }
    }

    @Test
    void refusesAnIdentityProviderTokenMeantForAnotherAudience() throws Exception {
        var claims = new JWTClaimsSet.Builder(claims()).audience("another-api").build();

        expectRefused(rsaSigned(providerKey, claims));
    }

    private static void expectRefused(String token) {
        StepVerifier.create(decoder.decode(token))
                .expectError(JwtException.class)
                .verify(Duration.ofSeconds(10));
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder(Tokens.validClaims(42).build())
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("role", "admin")
                .build();
    }

    private static String rsaSigned(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        var token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }
}

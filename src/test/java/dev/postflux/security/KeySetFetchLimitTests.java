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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Forged tokens naming keys the identity provider never had cost it nothing: the key set is fetched at most once
 * per interval, however many such tokens arrive, and a key it rotates in is still accepted after the interval.
 */
class KeySetFetchLimitTests {

    private static final String ISSUER = "https://id.example.com";
    private static final String AUDIENCE = "postflux-api";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private IdentityProvider identityProvider;
    private ReactiveJwtDecoder decoder;
    private RSAKey firstKey;

    @BeforeEach
    void identityProvider() throws Exception {
        firstKey = new RSAKeyGenerator(2048).keyID("first").generate();
        identityProvider = new IdentityProvider(new JWKSet(firstKey.toPublicJWK()));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        decoder = JwtDecoding.decoder(identityProvider.settings(ISSUER, AUDIENCE), null, clock);
    }

    @AfterEach
    void stop() {
        identityProvider.close();
    }

    @Test
    void fetchesTheKeySetOnceForAFloodOfTokensNamingUnknownKeys() throws Exception {
        accepted(signed(firstKey));
        assertThat(identityProvider.fetches()).isEqualTo(1);

        var forger = new RSAKeyGenerator(2048).generate();
        List<String> forged = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            forged.add(signed(forger, "made-up-" + i));
        }
        Flux.fromIterable(forged)
                .flatMap(token -> decoder.decode(token).onErrorResume(JwtException.class, refusal -> Mono.empty()))
                .blockLast(Duration.ofSeconds(30));
        refused(signed(forger, "made-up"));
        accepted(signed(firstKey));

        // Spring's own key source asked the provider again for every one of them.
        assertThat(identityProvider.fetches()).isEqualTo(1);
    }

    @Test
    void acceptsAKeyRotatedInOnceTheIntervalHasPassed() throws Exception {
        accepted(signed(firstKey));
        var secondKey = new RSAKeyGenerator(2048).keyID("second").generate();
        identityProvider.publish(new JWKSet(List.of(firstKey.toPublicJWK(), secondKey.toPublicJWK())));

        refused(signed(secondKey));
        assertThat(identityProvider.fetches()).isEqualTo(1);

        now.set(now.get().plus(KeySetFetchLimit.MIN_INTERVAL).plusSeconds(1));
        accepted(signed(secondKey));
        assertThat(identityProvider.fetches()).isEqualTo(2);
    }

    private void accepted(String token) {
        StepVerifier.create(decoder.decode(token))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("42"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    private void refused(String token) {
        StepVerifier.create(decoder.decode(token))
                .expectError(JwtException.class)
                .verify(Duration.ofSeconds(10));
    }

    private String signed(RSAKey key) throws JOSEException {
        return signed(key, key.getKeyID());
    }

    private String signed(RSAKey key, String keyId) throws JOSEException {
        var claims = new JWTClaimsSet.Builder(Tokens.validClaims(42).build())
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(java.util.Date.from(now.get().minusSeconds(1)))
                .expirationTime(java.util.Date.from(now.get().plusSeconds(600)))
                .build();
        var token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }
}

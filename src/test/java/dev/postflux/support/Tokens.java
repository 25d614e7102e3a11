package dev.postflux.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.postflux.security.DevTokens;
import dev.postflux.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Real bearer tokens for tests, signed with the HMAC secret the server under test is configured with: valid ones
 * for any user and role, and every kind of bad one (expired, future, wrong issuer or audience, unsigned, forged).
 */
public final class Tokens {

    /** The server under test's {@code postflux.security.jwt.hmac-secret}. */
    public static final String SECRET = "test-secret-of-postflux-at-least-32-bytes-long";

    public static final String ISSUER = "postflux";
    public static final String AUDIENCE = "postflux-api";

    /** The admin that the default test client acts as; no such row is needed, the role is the token's. */
    public static final long ADMIN_ID = 1_000_000;

    private static final SecurityProperties.Jwt JWT = new SecurityProperties.Jwt(
            SECRET, null, List.of("RS256"), ISSUER, AUDIENCE, "sub", "role", Duration.ofSeconds(30));

    private Tokens() {}

    public static String admin() {
        return admin(ADMIN_ID);
    }

    public static String admin(long userId) {
        return DevTokens.mint(SECRET, JWT, userId, "admin", Duration.ofHours(1), Clock.systemUTC());
    }

    public static String member(long userId) {
        return DevTokens.mint(SECRET, JWT, userId, "member", Duration.ofHours(1), Clock.systemUTC());
    }

    /** A member token signed as the server expects, with claims changed by {@code change}. */
    public static String signed(long userId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(SECRET, change.apply(validClaims(userId)).build());
    }

    public static String signed(String secret, JWTClaimsSet claims) {
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    /** An unsigned token ({@code alg: none}) claiming to be an admin. */
    public static String unsigned(long userId) {
        return new PlainJWT(validClaims(userId).claim("role", "admin").build()).serialize();
    }

    public static JWTClaimsSet.Builder validClaims(long userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .claim("role", "member")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }
}

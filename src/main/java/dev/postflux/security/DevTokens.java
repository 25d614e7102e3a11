package dev.postflux.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Mints HS256 tokens the server accepts: for development (the {@code token} command, the start-up line) and tests. */
public final class DevTokens {

    private DevTokens() {}

    public static String mint(
            String secret, SecurityProperties.Jwt jwt, long userId, String role, Duration ttl, Clock clock) {
        if (!JwtDecoding.ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be admin or member, not " + role);
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(jwt.issuer())
                .audience(jwt.audience())
                .subject(Long.toString(userId))
                .claim(jwt.userClaim(), Long.toString(userId))
                .claim(jwt.roleClaim(), role)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(new MACSigner(TokenKeys.hmacKey(secret)));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return token.serialize();
    }
}

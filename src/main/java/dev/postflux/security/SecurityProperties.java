package dev.postflux.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API and how much. See docs/security.md for the rules these settings tune.
 *
 * @param publicReads whether GET requests need no token (true) or any valid token (false)
 * @param jwt how bearer tokens are verified
 * @param rateLimit per-client token bucket for writes
 * @param cors which browser origins may call the API; empty (the default) sends no CORS headers at all
 */
@ConfigurationProperties("postflux.security")
public record SecurityProperties(
        @DefaultValue("true") boolean publicReads,
        @DefaultValue Jwt jwt,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors) {

    /**
     * @param hmacSecret shared HS256 secret (at least 32 bytes), for development and tests
     * @param jwkSetUri the identity provider's JWK set, for real deployments; wins over {@code hmacSecret}
     * @param jwsAlgorithms algorithms accepted from the JWK set
     * @param issuer required {@code iss}
     * @param audience required member of {@code aud}
     * @param userClaim the claim holding the PostFlux user id ({@code users.id})
     * @param roleClaim the claim holding {@code admin} or {@code member} (absent: member)
     * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}
     */
    public record Jwt(
            String hmacSecret,
            URI jwkSetUri,
            @DefaultValue("RS256") List<String> jwsAlgorithms,
            @DefaultValue("postflux") String issuer,
            @DefaultValue("postflux-api") String audience,
            @DefaultValue("sub") String userClaim,
            @DefaultValue("role") String roleClaim,
            @DefaultValue("30s") Duration clockSkew) {

        boolean hasHmacSecret() {
            return hmacSecret != null && !hmacSecret.isBlank();
        }

        boolean hasJwkSetUri() {
            return jwkSetUri != null && !jwkSetUri.toString().isBlank();
        }
    }

    /**
     * @param enabled whether writes are rate-limited at all
     * @param capacity writes a client may burst
     * @param refillPeriod time in which an empty bucket refills completely (greedily, token by token)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60") long capacity,
            @DefaultValue("1m") Duration refillPeriod) {}

    /**
     * @param allowedOrigins origins allowed to call the API from a browser, e.g. {@code https://app.example.com}
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {}
}

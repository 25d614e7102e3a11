package dev.postflux.security;

import dev.postflux.common.web.CanonicalNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the token decoder: signature (HMAC secret or the identity provider's JWK set), then expiry, not-before,
 * issued-at, issuer, audience, and the PostFlux claims (a numeric user id, a known role).
 */
public final class JwtDecoding {

    /** The roles a token may carry. */
    public static final Set<String> ROLES = Set.of("admin", "member");

    private JwtDecoding() {}

    /** A decoder for the given secret (HS256) or, when {@code jwt.jwkSetUri} is set, for the JWK set. */
    public static ReactiveJwtDecoder decoder(SecurityProperties.Jwt jwt, String hmacSecret, Clock clock) {
        NimbusReactiveJwtDecoder decoder;
        if (jwt.hasJwkSetUri()) {
            var builder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString())
                    .webClient(WebClient.builder()
                            .filter(new KeySetFetchLimit(clock))
                            .build());
            jwt.jwsAlgorithms().forEach(name -> builder.jwsAlgorithm(signatureAlgorithm(name)));
            decoder = builder.build();
        } else {
            decoder = NimbusReactiveJwtDecoder.withSecretKey(TokenKeys.hmacKey(hmacSecret))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        decoder.setJwtValidator(validator(jwt, clock));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt jwt, Clock clock) {
        var timestamps = new JwtTimestampValidator(jwt.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(token -> issuedInThePast(token, clock, jwt));
        validators.add(new JwtIssuerValidator(jwt.issuer()));
        validators.add(token -> check(
                token.getAudience() != null && token.getAudience().contains(jwt.audience()),
                "The token is not meant for audience " + jwt.audience()));
        validators.add(token -> check(
                isUserId(token.getClaimAsString(jwt.userClaim())),
                "The " + jwt.userClaim() + " claim must be a PostFlux user id"));
        validators.add(token -> check(
                !token.hasClaim(jwt.roleClaim()) || ROLES.contains(token.getClaimAsString(jwt.roleClaim())),
                "The " + jwt.roleClaim() + " claim must be admin or member"));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Authorities from the role claim ({@code ROLE_ADMIN} / {@code ROLE_MEMBER}); the name is the user id. */
    public static ReactiveJwtAuthenticationConverterAdapter authenticationConverter(SecurityProperties.Jwt jwt) {
        var converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(jwt.userClaim());
        converter.setJwtGrantedAuthoritiesConverter(token -> authorities(token, jwt.roleClaim()));
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static Collection<GrantedAuthority> authorities(Jwt token, String roleClaim) {
        boolean admin = "admin".equals(token.getClaimAsString(roleClaim));
        return List.of(new SimpleGrantedAuthority(admin ? Actors.ADMIN_AUTHORITY : "ROLE_MEMBER"));
    }

    /** A token issued in the future was made by a clock or a forger we should not trust. */
    private static OAuth2TokenValidatorResult issuedInThePast(Jwt token, Clock clock, SecurityProperties.Jwt jwt) {
        Instant issuedAt = token.getIssuedAt();
        boolean ok = issuedAt == null || !issuedAt.isAfter(clock.instant().plus(jwt.clockSkew()));
        return check(ok, "The token was issued in the future (" + JwtClaimNames.IAT + ")");
    }

    /** One spelling per user: the rate limiter and the stream limiter key on it. */
    private static boolean isUserId(String value) {
        return CanonicalNumbers.positiveLong(value) > 0;
    }

    private static OAuth2TokenValidatorResult check(boolean ok, String description) {
        return ok
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

    private static SignatureAlgorithm signatureAlgorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new KeySourceException("Unknown JWS algorithm in postflux.security.jwt.jws-algorithms: " + name);
        }
        return algorithm;
    }
}

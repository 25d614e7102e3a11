package dev.postflux.cli;

import dev.postflux.database.DatabaseProperties;
import dev.postflux.security.DevTokens;
import dev.postflux.security.JwtDecoding;
import dev.postflux.security.SecurityProperties;
import dev.postflux.security.TokenKeys;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code token --user=1 --role=admin --ttl=24h}: prints a bearer token the server accepts, signed with the
 * configured HMAC secret or, in development, the embedded database's secret. Starts no database.
 */
final class TokenCommand implements Command {

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "print a development bearer token (--user=1 --role=member|admin --ttl=24h)";
    }

    @Override
    public int run(String[] arguments) {
        long user = user(option(arguments, "user", "1"));
        String role = role(option(arguments, "role", "member"));
        Duration ttl = ttl(option(arguments, "ttl", "24h"));
        try (var context = CommandContext.builder(Settings.class).run(arguments)) {
            var jwt = context.getBean(SecurityProperties.class).jwt();
            String secret = secret(jwt, context.getEnvironment(), context.getBean(DatabaseProperties.class));
            System.out.println(DevTokens.mint(secret, jwt, user, role, ttl, Clock.systemUTC()));
            return 0;
        }
    }

    private static String secret(SecurityProperties.Jwt jwt, Environment environment, DatabaseProperties database) {
        if (jwt.hmacSecret() != null && !jwt.hmacSecret().isBlank()) {
            return jwt.hmacSecret();
        }
        if (jwt.jwkSetUri() != null) {
            throw new IllegalStateException("tokens come from the identity provider at " + jwt.jwkSetUri());
        }
        if (environment.containsProperty("DATABASE_URL") || environment.containsProperty("spring.r2dbc.url")) {
            throw new IllegalStateException("set postflux.security.jwt.hmac-secret as for the server");
        }
        return TokenKeys.devSecret(database.embedded().dataDirectory());
    }

    private static long user(String value) {
        // Up to 18 digits: every such number fits a long.
        if (!value.matches("[1-9][0-9]{0,17}")) {
            throw new UsageException("--user must be a positive integer, not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    private static String role(String value) {
        if (!JwtDecoding.ROLES.contains(value)) {
            throw new UsageException("--role must be member or admin, not '" + value + "'");
        }
        return value;
    }

    private static Duration ttl(String value) {
        Duration ttl;
        try {
            ttl = DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ttl must be a duration such as 30m, 24h or 7d, not '" + value + "'");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new UsageException("--ttl must be positive, not '" + value + "'");
        }
        return ttl;
    }

    private static String option(String[] arguments, String name, String fallback) {
        for (String argument : arguments) {
            if (argument.startsWith("--" + name + "=")) {
                return argument.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    /** Only the settings: no auto-configuration, so neither a database nor a web server starts. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, DatabaseProperties.class})
    static class Settings {}
}

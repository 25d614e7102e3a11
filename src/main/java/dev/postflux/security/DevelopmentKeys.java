package dev.postflux.security;

import dev.postflux.database.DatabaseProperties;
import dev.postflux.database.EmbeddedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Development mode: no key configured and the embedded database in use. Tokens are then signed with a random
 * secret kept beside the embedded data directory, and start-up logs a ready-to-use admin token.
 */
@Component
class DevelopmentKeys {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentKeys.class);
    static final Duration BANNER_TOKEN_TTL = Duration.ofHours(24);

    private final SecurityProperties security;
    private final DatabaseProperties database;
    private final ObjectProvider<EmbeddedDatabase> embedded;

    DevelopmentKeys(
            SecurityProperties security, DatabaseProperties database, ObjectProvider<EmbeddedDatabase> embedded) {
        this.security = security;
        this.database = database;
        this.embedded = embedded;
    }

    /** The development secret, when in development mode. */
    Optional<String> secret() {
        var jwt = security.jwt();
        if (jwt.hasJwkSetUri() || jwt.hasHmacSecret() || embedded.getIfAvailable() == null) {
            return Optional.empty();
        }
        return Optional.of(TokenKeys.devSecret(database.embedded().dataDirectory()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void logDevelopmentToken() {
        secret().ifPresent(secret -> {
            String token = DevTokens.mint(secret, security.jwt(), 1, "admin", BANNER_TOKEN_TTL, Clock.systemUTC());
            log.info(
                    "Development mode (embedded database, secret in {}). Admin token for user 1, valid {} h:\n"
                            + "    export TOKEN={}\n"
                            + "  Mint others: java -jar target/postflux-*.jar token --user=2 --role=member",
                    TokenKeys.devSecretFile(database.embedded().dataDirectory()),
                    BANNER_TOKEN_TTL.toHours(),
                    token);
        });
    }
}

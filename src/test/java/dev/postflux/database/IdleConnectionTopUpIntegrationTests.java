package dev.postflux.database;

import static org.awaitility.Awaitility.await;

import dev.postflux.support.TestDatabase;
import dev.postflux.support.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server without requests keeps {@code min-idle} connections open: the pool's sweep closes idle ones past
 * {@code max-idle-time}, and they are replaced without waiting for a request. Until 2026-12-07 none was replaced,
 * and a server idle for 10 minutes held no connection at all (found by the settings review).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.pool.initial-size=2",
            "spring.r2dbc.pool.min-idle=2",
            "spring.r2dbc.pool.max-idle-time=1s",
            "postflux.database.pool.background-eviction-interval=300ms"
        })
@DirtiesContext
class IdleConnectionTopUpIntegrationTests {

    /** Tells this server's connections from those of the other test servers on the same database. */
    private static final String NAME = "postflux-top-up";

    @DynamicPropertySource
    static void ownApplicationName(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", () -> TestDatabase.url() + "?application_name=" + NAME);
        registry.add("postflux.security.jwt.hmac-secret", () -> Tokens.SECRET);
    }

    @Test
    void replacesIdleConnectionsClosedBySweepWithoutARequest() throws SQLException {
        try (var observer = TestDatabase.openJdbc()) {
            Set<Integer> first = backends(observer);

            // Idle past max-idle-time, the first connections are closed (they may be already); others are opened
            // in their place, while no request comes. Without the top-up the pool held none from then on.
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                Set<Integer> now = backends(observer);
                return now.size() >= 2 && now.stream().noneMatch(first::contains);
            });
        }
    }

    /**
     * The pool's connections. The change listener's own, which has the same name, is the one whose last statement
     * was its LISTEN or its ping; the pool's have run nothing but the driver's start-up queries (no request comes).
     */
    private static Set<Integer> backends(Connection observer) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (var statement = observer.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                + " AND query NOT LIKE 'LISTEN%' AND query <> 'SELECT 1'")) {
            statement.setString(1, NAME);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
        }
        return pids;
    }
}

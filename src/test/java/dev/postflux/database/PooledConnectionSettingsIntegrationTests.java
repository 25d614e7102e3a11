package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Every connection of the pool carries the server-side settings reliability.md promises: a statement timeout, so
 * that no statement outlives its request for long, and our application name, to find our sessions.
 */
class PooledConnectionSettingsIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void everyPooledConnectionHasTheStatementTimeoutAndOurName() {
        Map<String, Object> settings = db.sql("SELECT current_setting('statement_timeout') AS timeout,"
                        + " current_setting('application_name') AS name")
                .fetch()
                .one()
                .block(Duration.ofSeconds(10));

        assertThat(settings).containsEntry("timeout", "10s").containsEntry("name", "postflux");
    }
}

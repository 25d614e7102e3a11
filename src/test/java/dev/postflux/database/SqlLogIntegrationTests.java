package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.common.web.RequestIds;
import dev.postflux.support.IntegrationTest;
import dev.postflux.support.LogLines;
import dev.postflux.support.TestDatabase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@code POSTFLUX_SQL_LOG=true}: every statement logged with its duration, binds masked, under its request id. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "postflux.sql-log.enabled=true")
// No other test shares this context; closed afterwards, it stops logging (and listening for) later tests' changes.
@DirtiesContext
class SqlLogIntegrationTests extends IntegrationTest {

    @Test
    void logsEachStatementWithItsDurationAndMaskedBinds(CapturedOutput output) {
        String requestId = http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> sqlLines(output).stream().anyMatch(line -> line.contains("INSERT INTO users")));
        String insert = sqlLines(output).stream()
                .filter(line -> line.contains("INSERT INTO users"))
                .findFirst()
                .orElseThrow();
        assertThat(insert).containsPattern(" \\d+ ms INSERT INTO users").contains("$1=?", "$2=?");
        assertThat(output.getOut()).doesNotContain("ada@example.com").doesNotContain("Ada Lovelace");
        assertThat(insert)
                .as("the request id reaches the database thread that logs the statement")
                .contains("[" + requestId + "]");
    }

    @Test
    void logsEveryStatementOfARequestUnderItsRequestId(CapturedOutput output) {
        sql.insertUser("Ada", "ada@example.com", "member");

        String requestId = http.get()
                .uri("/users?include=posts")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestIds.HEADER);

        // A page of users with their posts is two statements, on two connections: the users, then all their posts.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(sqlLines(output))
                        .filteredOn(line -> line.contains("[" + requestId + "]"))
                        .hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void showsBindValuesWhenAskedTo(CapturedOutput output) {
        var sqlLog = new SqlLog(new SqlLogProperties(true, true));
        var connections =
                sqlLog.decorate(ConnectionFactories.get(TestDatabase.location().r2dbcOptions()));

        var query = Mono.usingWhen(
                connections.create(),
                connection -> Flux.from(connection
                                .createStatement("SELECT $1::text AS shown")
                                .bind(0, "visible-bind-value")
                                .execute())
                        .flatMap(result -> result.map(row -> row.get("shown", String.class)))
                        .single(),
                Connection::close);
        // Through Spring's DatabaseClient, as the server's own statements go: it binds Parameters, not values.
        var viaDatabaseClient = DatabaseClient.create(connections)
                .sql("SELECT :value::text AS shown")
                .bind("value", "spring-bind-value")
                .map(row -> row.get("shown", String.class))
                .one();

        StepVerifier.create(query).expectNext("visible-bind-value").verifyComplete();
        StepVerifier.create(viaDatabaseClient).expectNext("spring-bind-value").verifyComplete();
        // The console is written in batches, off the logging thread (AsyncConsoleLogging): the line comes shortly
        // after.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(sqlLines(output))
                        .anyMatch(line -> line.contains("SELECT $1::text AS shown [$1=visible-bind-value]"))
                        .anyMatch(line -> line.contains("AS shown [$1=spring-bind-value]")));
    }

    private static List<String> sqlLines(CapturedOutput output) {
        return LogLines.of(output, "postflux.sql");
    }
}

package dev.postflux.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.DisposableDatabase;
import dev.postflux.support.ServerProcess;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Nothing that returned 2xx is ever lost: sign-ups flow, the server is killed with SIGKILL mid-way, then
 * PostgreSQL is crashed (immediate shutdown) and recovers from its WAL. Every user whose creation was answered
 * 201 must be there, with the email it was created with.
 */
class CrashDurabilityTests {

    @Test
    void everyAcknowledgedWriteSurvivesAKilledServerAndACrashedDatabase() throws Exception {
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        try (var database = DisposableDatabase.start()) {
            try (var server = ServerProcess.startOn(database.url())) {
                var client = WebClient.create("http://localhost:" + server.port());
                Flux.range(0, 2_000)
                        .flatMap(i -> signUp(client, i), 16)
                        .doOnNext(user -> {
                            acknowledged.put(user.id(), user.email());
                            if (acknowledged.size() == 200) {
                                server.kill();
                            }
                        })
                        .blockLast(Duration.ofSeconds(120));
                assertThat(server.exitsWithin(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);

            database.crash();
            database.startAgain();

            assertThat(stored(database)).containsAllEntriesOf(acknowledged);
        }
    }

    private static Mono<User> signUp(WebClient client, int i) {
        String email = "crash" + i + "@example.com";
        return client.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Crash " + i, "email", email))
                .retrieve()
                .bodyToMono(User.class)
                .filter(user -> user.email().equals(email))
                // Requests after the kill fail: only what was answered 201 counts.
                .onErrorResume(failed -> Mono.empty());
    }

    private static Map<Long, String> stored(DisposableDatabase database) throws Exception {
        Map<Long, String> users = new ConcurrentHashMap<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                var rows = connection.createStatement().executeQuery("SELECT id, email FROM users")) {
            while (rows.next()) {
                users.put(rows.getLong(1), rows.getString(2));
            }
        }
        return users;
    }

    record User(long id, String email) {}
}

package dev.postflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.support.HalfSentSignUp;
import dev.postflux.support.RawHttp;
import dev.postflux.support.ServerProcess;
import dev.postflux.support.Sql;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while many clients send writes back to back over keep-alive connections. A request the server has started
 * to handle must be answered before its connection is closed; one it will not handle must not be processed, so that
 * the client, which saw no answer, can safely send it again. Until {@link ShutdownGate}, requests read in the moment
 * between "Commencing graceful shutdown" and the close of their connection were executed and committed, then cut off
 * without an answer: a client resending them created the user twice.
 */
class KeepAliveShutdownTests {

    private static final int CLIENTS = 64;

    private final Sql sql = new Sql();
    /** Every response received, by the email of the sign-up it answers. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    /** Sign-ups sent (or being sent) whose connection closed before their response was complete. */
    private final Queue<String> unanswered = new ConcurrentLinkedQueue<>();

    @AfterEach
    void emptyTables() {
        sql.truncateAll();
    }

    @Test
    void answersEveryRequestItProcessesAndProcessesNoneItLeavesUnanswered() throws Exception {
        try (var server = ServerProcess.start()) {
            sql.truncateAll();
            var clients = Executors.newFixedThreadPool(CLIENTS);
            IntStream.range(0, CLIENTS).forEach(client -> clients.execute(() -> signUpUntilRefused(server, client)));
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 3 * CLIENTS);

            server.terminate();
            clients.shutdown();

            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitsWithin(Duration.ofSeconds(30))).isTrue();
            var stored = new HashSet<>(sql.queryForList("SELECT email FROM users", String.class));
            assertThat(unanswered.stream().filter(stored::contains))
                    .as("sign-ups written but never answered")
                    .isEmpty();
            answered.forEach((email, response) -> assertThat(response)
                    .as(email)
                    .satisfiesAnyOf(
                            created -> assertThat(created).startsWith("HTTP/1.1 201"),
                            refused -> assertThat(refused)
                                    .startsWith("HTTP/1.1 503")
                                    .containsIgnoringCase("\r\nconnection: close\r\n")
                                    .containsIgnoringCase("\r\nretry-after: ")));
            answered.forEach((email, response) ->
                    assertThat(stored.contains(email)).as(email).isEqualTo(response.startsWith("HTTP/1.1 201")));
        }
    }

    @Test
    void answersARequestInFlightWithConnectionClose() throws Exception {
        try (var server = ServerProcess.start()) {
            sql.truncateAll();
            var signUp = new HalfSentSignUp(server.port(), "grace@example.com");

            server.terminate();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.output().contains("Commencing graceful shutdown"));

            assertThat(signUp.finish()).startsWith("HTTP/1.1 201").containsIgnoringCase("\r\nconnection: close\r\n");
        }
    }

    /** One client: sign-ups one after another on a keep-alive connection, reconnecting until the server refuses. */
    private void signUpUntilRefused(ServerProcess server, int client) {
        for (int sent = 0; ; ) {
            try (Socket socket = RawHttp.connect(server.port(), Duration.ofSeconds(40))) {
                sent = signUpWhileOpen(socket, client, sent);
            } catch (IOException refused) {
                return;
            }
        }
    }

    /** Sends sign-ups on {@code socket} until the server closes it; returns how many this client has sent. */
    private int signUpWhileOpen(Socket socket, int client, int sent) {
        while (true) {
            String email = "client" + client + "-" + sent++ + "@example.com";
            try {
                RawHttp.send(socket, signUp(email));
                String response = RawHttp.readResponse(socket);
                answered.put(email, response);
                if (response.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n")) {
                    return sent;
                }
            } catch (IOException closed) {
                unanswered.add(email);
                return sent;
            }
        }
    }

    private static String signUp(String email) {
        String body = "{\"name\":\"Load\",\"email\":\"" + email + "\"}";
        return "POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }
}

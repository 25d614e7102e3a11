package dev.postflux.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postflux.PostFluxApplication;
import dev.postflux.support.ChildJvm;
import dev.postflux.support.DisposableDatabase;
import dev.postflux.support.FreePorts;
import dev.postflux.support.ServerProcess;
import dev.postflux.support.SilentPeer;
import dev.postflux.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server refuses to start against a database it cannot reach: one clear line, a non-zero exit, quickly. */
class StartupFailureTests {

    /**
     * The start-up up to the first connection (about 10 s here in a normal build, 15 to 17 s with one core kept busy,
     * which failed a 15 s deadline), plus one connect timeout (5 s) for the host that does not answer, with slack.
     * What it must catch is far above it: a retry loop by default (Flyway's backoff reaches minutes), or a connect
     * without our timeout (Linux gives up after about two minutes).
     */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void exitsNonZeroWithOneClearLineWhenNothingListens() throws Exception {
        int closedPort = FreePorts.next();

        var run = start("postgres://postflux:s3cret-pw@127.0.0.1:" + closedPort + "/postflux");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.elapsed()).isLessThan(DEADLINE);
        assertThat(run.output())
                .contains("PostgreSQL unreachable at postgresql://postflux@127.0.0.1:" + closedPort + "/postflux")
                .doesNotContain("s3cret-pw")
                .doesNotContain("Netty started");
    }

    @Test
    void exitsWithinTheDeadlineWhenTheHostDoesNotAnswer() throws Exception {
        try (var host = SilentPeer.unanswered()) {
            var run = start("postgres://postflux:pw@127.0.0.1:" + host.port() + "/postflux");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.elapsed()).isLessThan(DEADLINE);
            assertThat(run.output())
                    .contains("PostgreSQL unreachable at postgresql://postflux@127.0.0.1:" + host.port() + "/postflux");
        }
    }

    /** A frozen PostgreSQL, or a port that is not PostgreSQL's: the connection opens and nothing is ever said. */
    @Test
    void exitsWithinTheDeadlineWhenTheConnectionOpensButNothingAnswers() throws Exception {
        try (var host = SilentPeer.mute()) {
            var run = start("postgres://postflux:pw@127.0.0.1:" + host.port() + "/postflux");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.elapsed()).isLessThan(DEADLINE);
            assertThat(run.output())
                    .contains("PostgreSQL unreachable at postgresql://postflux@127.0.0.1:" + host.port() + "/postflux")
                    .doesNotContain("Netty started");
        }
    }

    @Test
    void waitsForADatabaseThatComesUpWithinTheRetryWindowThenMigratesAndServes() throws Exception {
        try (var database = DisposableDatabase.start()) {
            database.stop();
            // Down while the server is starting, as in a compose stack starting in any order, and kept down until
            // the server has failed to connect at least once: only then is the retry what brings it up.
            try (var server = ServerProcess.launch(database.url(), "--spring.flyway.connect-retries=30")) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> server.output().contains("Retrying in ") || !server.isAlive());
                assertThat(server.isAlive())
                        .as("still starting after a failed connection")
                        .isTrue();
                database.startAgain();

                server.awaitServing();
                assertThat(server.output())
                        .contains("Database schema at version ")
                        .contains("Netty started");
                assertThat(database.queryForInt("SELECT count(*) FROM flyway_schema_history WHERE success"))
                        .isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void refusesToStartWithADatabaseButNoKeyToVerifyTokens() throws Exception {
        int closedPort = FreePorts.next();

        var run = start("postgres://postflux:pw@127.0.0.1:" + closedPort + "/postflux", null);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("No key to verify bearer tokens with: a database is configured but neither"
                        + " postflux.security.jwt.jwk-set-uri nor postflux.security.jwt.hmac-secret is set")
                .doesNotContain("PostgreSQL unreachable")
                .doesNotContain("Netty started");
    }

    private static Run start(String databaseUrl) throws IOException, InterruptedException {
        return start(databaseUrl, Tokens.SECRET);
    }

    private static Run start(String databaseUrl, String secret) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ChildJvm.running(PostFluxApplication.class));
        command.add("--server.port=" + FreePorts.next());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().remove("POSTFLUX_SECURITY_JWT_HMAC_SECRET");
        if (secret != null) {
            builder.environment().put("POSTFLUX_SECURITY_JWT_HMAC_SECRET", secret);
        }
        long started = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(DEADLINE.toSeconds() + 20, TimeUnit.SECONDS);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(exited ? process.exitValue() : 0, elapsed, output);
    }

    private record Run(int exitCode, Duration elapsed, String output) {}
}

package dev.postflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.security.JwtDecoding;
import dev.postflux.security.SecurityProperties;
import dev.postflux.security.TokenKeys;
import dev.postflux.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.Jwt;

/** {@code java -jar postflux.jar token}: tokens the server accepts, from the configured or the development secret. */
class TokenCommandTests {

    private static final SecurityProperties.Jwt DEFAULTS = new SecurityProperties.Jwt(
            null, null, List.of("RS256"), "postflux", "postflux-api", "sub", "role", Duration.ofSeconds(30));

    /** Header, payload and signature, each base64url without padding. */
    private static final Pattern JWS_COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @TempDir
    Path directory;

    @Test
    void mintsATokenWithTheConfiguredSecret() {
        var run = run("--user=7", "--role=admin", "--postflux.security.jwt.hmac-secret=" + Tokens.SECRET);

        assertThat(run.exitCode()).isZero();
        Jwt jwt = decode(run.out(), Tokens.SECRET);
        assertThat(jwt.getSubject()).isEqualTo("7");
        assertThat(jwt.getClaimAsString("role")).isEqualTo("admin");
        assertThat(jwt.getAudience()).containsExactly("postflux-api");
    }

    @Test
    void mintsWithTheEmbeddedDatabasesSecretAndKeepsIt() throws Exception {
        Path data = directory.resolve("pgdata");

        var first = run("--user=3", "--postflux.database.embedded.data-directory=" + data);
        var second = run("--user=3", "--postflux.database.embedded.data-directory=" + data);

        Path secretFile = TokenKeys.devSecretFile(data);
        String secret = Files.readString(secretFile);
        assertThat(secretFile.getParent()).isEqualTo(directory);
        assertThat(Files.getPosixFilePermissions(secretFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(decode(first.out(), secret).getClaimAsString("role")).isEqualTo("member");
        assertThat(decode(second.out(), secret).getSubject()).isEqualTo("3");
        assertThat(Files.exists(data)).as("no database was started").isFalse();
    }

    @Test
    void refusesToGuessASecretForARealDatabase() {
        var run = run("--user=1", "--DATABASE_URL=postgres://app@db.example.com/app");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("token failed: set postflux.security.jwt.hmac-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1.5", ""})
    void refusesAUserThatIsNotAPositiveIntegerAsAUsageError(String user) {
        var run = run("--user=" + user, "--postflux.security.jwt.hmac-secret=" + Tokens.SECRET);

        assertThat(run.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(run.err().lines()).containsExactly("token: --user must be a positive integer, not '" + user + "'");
        assertThat(run.out()).doesNotContainPattern(JWS_COMPACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1h", "0s", "0"})
    void refusesATtlThatIsNotPositiveAsAUsageError(String ttl) {
        var run = run("--ttl=" + ttl, "--postflux.security.jwt.hmac-secret=" + Tokens.SECRET);

        assertThat(run.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(run.err().lines()).containsExactly("token: --ttl must be positive, not '" + ttl + "'");
        assertThat(run.out()).doesNotContainPattern(JWS_COMPACT);
    }

    @Test
    void refusesATtlThatIsNotADurationAsAUsageError() {
        var run = run("--ttl=tomorrow", "--postflux.security.jwt.hmac-secret=" + Tokens.SECRET);

        assertThat(run.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(run.err()).contains("token: --ttl must be a duration such as 30m, 24h or 7d, not 'tomorrow'");
    }

    @Test
    void refusesAnUnknownRoleAsAUsageError() {
        var run = run("--role=root", "--postflux.security.jwt.hmac-secret=" + Tokens.SECRET);

        assertThat(run.exitCode()).isEqualTo(Commands.USAGE_ERROR);
        assertThat(run.err().lines()).containsExactly("token: --role must be member or admin, not 'root'");
    }

    private static Jwt decode(String output, String secret) {
        return JwtDecoding.decoder(DEFAULTS, secret, Clock.systemUTC())
                .decode(theToken(output))
                .block(Duration.ofSeconds(5));
    }

    /**
     * The one line of the output that is a token. The command prints nothing else, but the test replaces the JVM's
     * {@code System.out}, where the servers other test classes left running log their lines (written in batches,
     * AsyncConsoleLogging) while a command runs.
     */
    private static String theToken(String output) {
        List<String> tokens = output.lines()
                .filter(line -> JWS_COMPACT.matcher(line).matches())
                .toList();
        assertThat(tokens).as("tokens printed in:%n%s", output).hasSize(1);
        return tokens.get(0);
    }

    private static InProcess.Run run(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "token";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return InProcess.run(command);
    }
}

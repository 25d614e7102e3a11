package dev.postflux.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The benchmark's physical limit is pgbench running "the very SQL statements that each scenario issues"
 * (src/bench/pgbench). This holds that promise: each scenario's request is sent to the real server, and the
 * statements it issued must be the pgbench script's, parameter for parameter. A change to the server's SQL that
 * is not carried into the benchmark fails here, not silently in a ratio.
 */
class BenchmarkStatementsIntegrationTests extends IntegrationTest {

    private static final Path SCRIPTS = Path.of("src/bench/pgbench");

    /**
     * pgbench can only bind numbers ({@code \set}) and strings given with {@code -D}; where the server binds a
     * value that pgbench has to compute (a unique email, a keyset timestamp), the script writes an expression.
     * These stand for one bind parameter each.
     */
    private static final Map<String, String> VALUE_EXPRESSIONS = Map.of(
            "'[^']*' \\|\\| \\? \\|\\| '[^']*'", "?",
            "timestamptz '[^']*' \\+ \\? \\* interval '[^']*'", "?");

    @Test
    void getUserIssuesTheStatementsOfItsPgbenchScript() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 3, Instant.parse("2026-01-01T00:00:00Z"));
        statements.clear();

        http.get().uri("/users/{id}", ada).exchange().expectStatus().isOk().expectBody();

        assertThat(normalized(statements.queries())).containsExactlyInAnyOrderElementsOf(script("get_user.sql"));
    }

    @Test
    void listMembersIssuesTheStatementOfItsPgbenchScript() throws IOException {
        sql.insertUser("Ada", "ada@example.com", "member");
        statements.clear();

        http.get().uri("/users?role=member").exchange().expectStatus().isOk().expectBody();

        assertThat(normalized(statements.queries())).containsExactlyElementsOf(script("list_members.sql"));
    }

    @Test
    void postUserIssuesTheStatementOfItsPgbenchScript() throws IOException {
        http.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Bench", "email", "pg1@bench.example.com"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();

        assertThat(normalized(statements.queries())).containsExactlyElementsOf(script("post_user.sql"));
    }

    @Test
    void aStreamPageIsTheStatementOfItsPgbenchScript() throws IOException {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        sql.insertPosts(ada, 1_001, Instant.parse("2026-01-01T00:00:00Z"));
        statements.clear();

        http.get()
                .uri("/posts")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        // The first page has no keyset condition; the second one is what every later page looks like.
        List<String> pages = normalized(statements.queries());
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1)).isEqualTo(script("stream_page.sql").get(0));
    }

    private static List<String> script(String name) throws IOException {
        return Files.readAllLines(SCRIPTS.resolve(name)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("--") && !line.startsWith("\\"))
                .map(line -> line.replaceAll(";\\s*$", ""))
                .map(line -> line.replaceAll(":[a-z_]+", "?"))
                .map(BenchmarkStatementsIntegrationTests::collapseValueExpressions)
                .map(BenchmarkStatementsIntegrationTests::whitespace)
                .toList();
    }

    private static List<String> normalized(List<String> statements) {
        return statements.stream()
                .map(sql -> sql.replaceAll("\\$\\d+", "?"))
                .map(BenchmarkStatementsIntegrationTests::whitespace)
                .toList();
    }

    private static String collapseValueExpressions(String sql) {
        String collapsed = sql;
        for (var expression : VALUE_EXPRESSIONS.entrySet()) {
            collapsed = collapsed.replaceAll(expression.getKey(), expression.getValue());
        }
        return collapsed;
    }

    private static String whitespace(String sql) {
        return sql.trim().replaceAll("\\s+", " ");
    }
}

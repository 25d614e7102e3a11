package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import dev.postflux.support.Scrape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/grafana-dashboard.json imports into Grafana and charts metrics that exist: every metric a panel or
 * variable queries is in a real scrape of this server.
 */
class GrafanaDashboardIntegrationTests extends IntegrationTest {

    /** A metric selector in PromQL: a name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static final JsonNode dashboard = JsonMapper.builder()
            .build()
            .readTree(Path.of("docs/grafana-dashboard.json").toFile());

    @Test
    void queriesOnlyMetricsTheServerExposes() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");
        http.get().uri("/users/{id}", ada).exchange().expectStatus().isOk().expectBody();
        // GC meters appear with the first collection; a test JVM may not have had one yet.
        System.gc();

        var scrape = Scrape.of(http);

        Set<String> metrics = new TreeSet<>();
        queries().forEach(query -> SELECTOR.matcher(query).results().forEach(match -> metrics.add(match.group(1))));
        assertThat(metrics)
                .contains(
                        "http_server_requests_seconds_count",
                        "http_server_requests_seconds_bucket",
                        "r2dbc_pool_acquired_connections",
                        "r2dbc_pool_idle_connections",
                        "r2dbc_pool_pending_connections",
                        "r2dbc_pool_max_allocated_connections",
                        "postflux_streams_open",
                        "postflux_events_subscribers",
                        "jvm_memory_used_bytes",
                        "jvm_gc_pause_seconds_count");
        assertThat(metrics)
                .allSatisfy(metric -> assertThat(scrape.has(metric))
                        .as("%s is in the scrape", metric)
                        .isTrue());
    }

    @Test
    void takesItsPrometheusDataSourceFromAVariable() {
        var variables = dashboard.get("templating").get("list");
        assertThat(variables.values().stream()
                        .filter(variable -> variable.get("type").asString().equals("datasource")
                                && variable.get("query").asString().equals("prometheus")))
                .extracting(variable -> variable.get("name").asString())
                .containsExactly("datasource");
        assertThat(panels())
                .allSatisfy(
                        panel -> assertThat(panel.get("datasource").get("uid").asString())
                                .isEqualTo("${datasource}"));
    }

    @Test
    void givesEveryPanelItsOwnIdAndAPlace() {
        var ids = panels().stream().map(panel -> panel.get("id").asInt()).toList();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(panels())
                .allSatisfy(panel ->
                        assertThat(panel.get("gridPos").get("w").asInt()).isPositive());
    }

    private static List<JsonNode> panels() {
        var panels = new ArrayList<JsonNode>();
        dashboard.get("panels").values().forEach(panel -> {
            if (!panel.get("type").asString().equals("row")) {
                panels.add(panel);
            }
        });
        return panels;
    }

    private static List<String> queries() {
        var queries = new ArrayList<String>();
        panels().forEach(panel -> panel.get("targets")
                .values()
                .forEach(target -> queries.add(target.get("expr").asString())));
        dashboard.get("templating").get("list").values().forEach(variable -> {
            if (variable.get("type").asString().equals("query")) {
                queries.add(variable.get("definition").asString());
            }
        });
        return queries;
    }
}

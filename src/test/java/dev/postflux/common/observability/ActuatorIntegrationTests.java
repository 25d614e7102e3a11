package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.io.IOException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/** The actuator endpoints operators use, on the main port; every other endpoint is off. */
class ActuatorIntegrationTests extends IntegrationTest {

    @Autowired
    DispatcherHandler dispatcher;

    @Test
    void looksRequestsUpInTheApiRoutesBeforeTheActuatorsMappings() {
        assertThat(dispatcher.getHandlerMappings())
                .as("every API request would otherwise try the actuator's request mappings first")
                .first()
                .isInstanceOf(RouterFunctionMapping.class);
        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody();
        // Read to its end and dropped: a whole suite's metrics outgrow what expectBody() holds in memory.
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void reportsLiveAndReadyWithTheDatabaseInReadinessOnly() {
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc")
                .doesNotExist();
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.readinessState.status")
                .isEqualTo("UP");
    }

    @Test
    void showsBuildAndGitDetails() throws IOException {
        var body = http.get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.build.artifact")
                .isEqualTo("postflux")
                .jsonPath("$.build.version")
                .isNotEmpty();

        // The CI and every clone build with a .git; a source archive has none and then there is no git section.
        var git = getClass().getResourceAsStream("/git.properties");
        if (git != null) {
            var properties = new Properties();
            properties.load(git);
            body.jsonPath("$.git.commit.id.full").isEqualTo(properties.getProperty("git.commit.id.full"));
        }
        // Public: what was built, never who built it where.
        body.jsonPath("$.git.commit.user")
                .doesNotExist()
                .jsonPath("$.git.build")
                .doesNotExist()
                .jsonPath("$.git.commit.message.full")
                .doesNotExist()
                .jsonPath("$.git.remote")
                .doesNotExist();
    }

    @Test
    void servesPrometheusTextFormat() {
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value("Content-Type", type -> assertThat(type).startsWith("text/plain"))
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"})
    void keepsEveryOtherEndpointOff(String path) {
        http.get().uri(path).exchange().expectStatus().isNotFound().expectBody();
    }

    @Test
    void listsMetricNames() {
        http.get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.names")
                .value(names -> assertThat(names.toString()).contains("http.server.requests", "r2dbc.pool.acquired"));
    }
}

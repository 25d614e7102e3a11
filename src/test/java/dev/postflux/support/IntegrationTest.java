package dev.postflux.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Base of tests that drive the real server over real HTTP against the real test PostgreSQL. All of them share one
 * application context; tables are emptied before each test. {@link #http} acts as an admin (a real token signed
 * with the test secret), so that tests of other rules can write anything; {@link #anonymous} sends no token, and
 * {@link #as(String)} any token. The write rate limit and the per-client stream cap are off here (the tests are one
 * client); {@code SecurityLimitsIntegrationTests} switches them on in its own context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "postflux.security.jwt.hmac-secret=" + Tokens.SECRET,
            "postflux.security.rate-limit.enabled=false",
            "postflux.streaming.max-streams-per-client=1000"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestDatabaseConfiguration.class)
public abstract class IntegrationTest {

    protected static final Sql sql = new Sql();

    /**
     * The server, as a client without any token. A new connection per request, not a keep-alive pool: a request
     * that a test leaves half-done (a body the server refused before reading it, a stream dropped mid-way) must
     * not decide the fate of the next test's request on the same connection. Keep-alive itself is exercised by
     * the benchmark and by the raw-socket tests.
     */
    protected WebTestClient anonymous;

    @LocalServerPort
    private int serverPort;

    /** The server, as an admin. */
    protected WebTestClient http;

    @Autowired
    protected StatementRecorder statements;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (TestDatabase.container() == null) {
            registry.add("DATABASE_URL", TestDatabase::url);
        }
    }

    @BeforeEach
    void emptyTables() {
        sql.truncateAll();
        statements.clear();
        anonymous = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + serverPort)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        http = as(Tokens.admin());
    }

    /**
     * {@code client}, giving up after five seconds instead of thirty: for requests whose cost must not grow with
     * what they carry, so that a regression fails the test instead of stalling the run.
     */
    protected static WebTestClient impatient(WebTestClient client) {
        return client.mutate().responseTimeout(Duration.ofSeconds(5)).build();
    }

    /** The server, as a client that sends {@code Authorization: Bearer <token>}. */
    protected WebTestClient as(String token) {
        return anonymous
                .mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
    }

    /** A whole streamed list, read as NDJSON: one map per row. */
    protected List<Map<String, Object>> ndjson(String uri) {
        return http.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() {})
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    /**
     * The statuses of {@code count} requests sent at once as the holder of {@code token} (null: anonymously), each
     * built by {@code request} from its index: for races that only the database can decide.
     */
    protected List<Integer> statusesOfConcurrent(
            String token, int count, BiFunction<WebClient, Integer, WebClient.RequestHeadersSpec<?>> request) {
        // A connection per request, as for every other client here.
        var builder = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + serverPort);
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        var client = builder.build();
        return Flux.range(0, count)
                .flatMap(i -> request.apply(client, i)
                        .exchangeToMono(response -> response.releaseBody()
                                .then(Mono.just(response.statusCode().value()))))
                .collectList()
                .block(Duration.ofSeconds(30));
    }
}

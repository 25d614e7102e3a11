package dev.postflux.bench;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.postflux.common.web.JsonConfiguration;
import dev.postflux.post.PostResponse;
import dev.postflux.profile.ProfileResponse;
import dev.postflux.user.Role;
import dev.postflux.user.UserResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot path of {@code GET /users/{id}} without the database: routing among a route table shaped like the
 * server's, then encoding a user with its profile and 10 posts with the server's JSON configuration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingAndEncodingBenchmark {

    private HttpHandler handler;
    private JsonMapper mapper;
    private UserResponse user;

    @Setup
    public void setUp() {
        mapper = JsonConfiguration.standalone();
        user = userWithTenPosts();
        RouterFunction<ServerResponse> routes = route()
                .GET("/users", request -> ServerResponse.ok().bodyValue(List.of()))
                .POST("/users", request -> ServerResponse.ok().build())
                .GET("/users/{id}", request -> ServerResponse.ok().bodyValue(user))
                .PATCH("/users/{id}", request -> ServerResponse.ok().build())
                .DELETE("/users/{id}", request -> ServerResponse.noContent().build())
                .GET("/users/{id}/posts", request -> ServerResponse.ok().build())
                .GET("/posts", request -> ServerResponse.ok().bodyValue(List.of()))
                .GET("/posts/{id}", request -> ServerResponse.ok().build())
                .build();
        handler = RouterFunctions.toHttpHandler(routes, HandlerStrategies.builder()
                .codecs(codecs -> codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(mapper)))
                .build());
    }

    /** Routing, the handler, and JSON encoding into response buffers. */
    @Benchmark
    public String routeAndEncode() {
        var request = MockServerHttpRequest.get("/users/42").header("Accept", "application/json").build();
        var response = new MockServerHttpResponse();
        handler.handle(request, response).block(Duration.ofSeconds(1));
        return response.getBodyAsString().block(Duration.ofSeconds(1));
    }

    /** JSON encoding alone, for comparison. */
    @Benchmark
    public byte[] encodeOnly() {
        return mapper.writeValueAsBytes(user);
    }

    private static UserResponse userWithTenPosts() {
        Instant now = Instant.parse("2026-06-14T09:12:00.123Z");
        List<PostResponse> posts = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            posts.add(new PostResponse(i, "Post " + i, "Lorem ipsum dolor sit amet. ".repeat(8), 42L, 1, now, now,
                    List.of("tag-" + i, "news"), null));
        }
        return new UserResponse(42L, "Ada Lovelace", "ada@example.com", Role.MEMBER, 1, now, now,
                Optional.of(new ProfileResponse("Mathematician", "https://ada.example.com")), posts);
    }
}

package dev.postflux.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.stream.StreamEncoder;
import dev.postflux.stream.StreamLimiter;
import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The handler's side of "no change made after {@code :subscribed} is missed": it hands the confirmation to the hub,
 * which registers the subscriber before sending it. Here a change is published at the very moment the confirmation
 * is made (as the quickest client could), through the real handler with the context's encoder and limits.
 */
class EventsConfirmationIntegrationTests extends IntegrationTest {

    @Autowired
    StreamEncoder encoder;

    @Autowired
    StreamLimiter limiter;

    @Autowired
    EventsProperties properties;

    @Test
    void deliversAChangeMadeTheMomentTheConfirmationIsMade() {
        var hub = new ChangeHubPublishingOnConfirmation(encoder);
        hub.listening();
        var handler = new EventsHandler(hub, properties, encoder, limiter);
        // A server of its own for the handler, on Reactor Netty as in production (the handler reads the connection).
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(
                        RouterFunctions.route(RequestPredicates.GET("/events"), handler::subscribe))))
                .bindNow();
        var client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + server.port())
                .build();

        List<ServerSentEvent<String>> frames;
        try {
            frames = firstTwoFrames(client);
        } finally {
            server.disposeNow();
        }

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).comment()).isEqualTo("subscribed");
        assertThat(frames.get(1).event()).isEqualTo("user.created");
        assertThat(frames.get(1).data()).isEqualTo("{\"id\":42}");
    }

    private static List<ServerSentEvent<String>> firstTwoFrames(WebTestClient client) {
        return client.get()
                .uri("/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody()
                .take(2)
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    /** A hub that publishes a change when the confirmation's wait for the listener is subscribed to. */
    private static final class ChangeHubPublishingOnConfirmation extends ChangeHub {

        ChangeHubPublishingOnConfirmation(StreamEncoder encoder) {
            super(encoder);
        }

        @Override
        Mono<Void> whenListening() {
            return Mono.defer(() -> {
                publish(new ChangeEvent("user.created", 42L, Map.of("id", 42)));
                return super.whenListening();
            });
        }
    }
}

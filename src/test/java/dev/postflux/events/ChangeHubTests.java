package dev.postflux.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.stream.StreamEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class ChangeHubTests {

    private final ChangeHub hub =
            new ChangeHub(new StreamEncoder(JsonMapper.builder().build()));

    @Test
    void endsASubscriberThatFallsBehindWithOverflowAfterWhatItHadQueued() {
        StepVerifier.create(hub.frames(event -> true, 4, Flux.empty()).map(ChangeHubTests::type), 0)
                .then(() -> {
                    for (long id = 1; id <= 10; id++) {
                        hub.publish(new ChangeEvent("user.created", id, id));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(type -> type.equals("user.created"))
                .expectNext(ChangeEvent.OVERFLOW)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void keepsDeliveringToSubscribersThatKeepUp() {
        StepVerifier.create(hub.frames(event -> true, 4, Flux.empty()).map(ChangeHubTests::type))
                .then(() -> {
                    for (long id = 1; id <= 100; id++) {
                        hub.publish(new ChangeEvent("user.created", id, id));
                    }
                    hub.publish(ChangeEvent.shutdown());
                })
                .expectNextCount(100)
                .expectNext(ChangeEvent.SHUTDOWN)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(hub.subscribers()).isZero();
    }

    @Test
    void encodesAnEventOnceForAllItsSubscribers() {
        List<byte[]> received = new ArrayList<>();
        var first = hub.frames(event -> true, 4, Flux.empty()).subscribe(received::add);
        var second = hub.frames(event -> true, 4, Flux.empty()).subscribe(received::add);

        hub.publish(new ChangeEvent("user.created", 7L, java.util.Map.of("id", 7)));

        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isSameAs(received.get(1));
        assertThat(new String(received.get(0), StandardCharsets.UTF_8))
                .isEqualTo("event:user.created\ndata:{\"id\":7}\n\n");
        first.dispose();
        second.dispose();
    }

    /**
     * A client that reads the confirmation and at once makes a change must get that change's event: the
     * subscriber is registered before the confirmation is sent. Here the change is published the moment the
     * confirmation is emitted, as fast as any client could react.
     */
    @Test
    void deliversAChangeMadeTheMomentTheConfirmationIsSent() {
        byte[] confirmation = ":subscribed\n\n".getBytes(StandardCharsets.UTF_8);
        var preamble = Flux.just(confirmation)
                .doOnNext(sent -> hub.publish(new ChangeEvent("user.created", 7L, java.util.Map.of("id", 7))));

        StepVerifier.create(
                        hub.frames(event -> true, 4, preamble).map(frame -> new String(frame, StandardCharsets.UTF_8)))
                .expectNext(":subscribed\n\n")
                .expectNext("event:user.created\ndata:{\"id\":7}\n\n")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(hub.subscribers()).isZero();
    }

    /** A stream cancelled while its confirmation waits (for the listener's first LISTEN) leaves no subscriber. */
    @Test
    void forgetsASubscriberCancelledBeforeItsConfirmation() {
        StepVerifier.create(hub.frames(event -> true, 4, Flux.never()))
                .then(() -> assertThat(hub.subscribers()).isOne())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(hub.subscribers()).isZero();
    }

    /** The event type a server-sent-event frame names ({@code event:<type>}). */
    private static String type(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        assertThat(text).startsWith("event:");
        return text.substring("event:".length(), text.indexOf('\n'));
    }
}

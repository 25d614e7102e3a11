package dev.postflux.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ChangeHubTests {

    private final ChangeHub hub = new ChangeHub();

    @Test
    void endsASubscriberThatFallsBehindWithOverflowAfterWhatItHadQueued() {
        StepVerifier.create(hub.subscribe(event -> true, 4), 0)
                .then(() -> {
                    for (long id = 1; id <= 10; id++) {
                        hub.publish(new ChangeEvent("user.created", id, id));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(event -> event.type().equals("user.created"))
                .assertNext(event -> assertThat(event.type()).isEqualTo(ChangeEvent.OVERFLOW))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void keepsDeliveringToSubscribersThatKeepUp() {
        StepVerifier.create(hub.subscribe(event -> true, 4))
                .then(() -> {
                    for (long id = 1; id <= 100; id++) {
                        hub.publish(new ChangeEvent("user.created", id, id));
                    }
                    hub.publish(ChangeEvent.shutdown());
                })
                .expectNextCount(100)
                .assertNext(event -> assertThat(event.type()).isEqualTo(ChangeEvent.SHUTDOWN))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(hub.subscribers()).isZero();
    }
}

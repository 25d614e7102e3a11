package dev.postflux.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The listener's reconnection backoff, in virtual time. */
class ChangeListenerReconnectsTests {

    @Test
    void reconnectsQuicklyAgainAfterAConnectionThatWorked() {
        var attempts = new AtomicInteger();
        Sinks.Empty<String> connectionLost = Sinks.empty();
        // Six refused attempts take the backoff to its 5 s cap; the seventh connection works (it announces itself
        // with resync) until the test loses it; the eighth hangs on, as a healthy listener does.
        Flux<String> listener = Flux.defer(() -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= 6) {
                return Flux.error(new IOException("refused"));
            }
            return attempt == 7 ? Flux.just("resync").concatWith(connectionLost.asMono()) : Flux.never();
        });

        StepVerifier.withVirtualTime(() -> listener.retryWhen(ChangeListener.reconnects()))
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("resync")
                .then(() -> connectionLost.tryEmitError(new IOException("lost")))
                // The first backoff again: 250 ms with Reactor's default jitter of half of it, not the 5 s reached.
                .thenAwait(Duration.ofMillis(375))
                .then(() -> assertThat(attempts).hasValue(8))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }
}

package dev.postflux.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans events out to this instance's subscribers. Each subscriber has its own bounded queue: publishing never
 * waits for anyone, and a subscriber whose queue is full is ended with {@code overflow} (after what it had
 * queued), so a slow one cannot slow the others or the database, and never silently loses an event.
 */
@Component
class ChangeHub {

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Completes once this instance listens for changes; until then a subscriber could miss one. */
    private final Sinks.Empty<Void> listening = Sinks.empty();

    /** The listener's first LISTEN succeeded (later reconnects announce {@code resync} instead). */
    void listening() {
        listening.tryEmitEmpty();
    }

    /** Completes when no change made from now on can be missed by a new subscriber. */
    Mono<Void> whenListening() {
        return listening.asMono();
    }

    /** Serialised: the listener publishes, and at shutdown the closing thread does. */
    synchronized void publish(ChangeEvent event) {
        subscribers.forEach(subscriber -> subscriber.offer(event));
    }

    Flux<ChangeEvent> subscribe(Predicate<ChangeEvent> filter, int capacity) {
        return Flux.defer(() -> {
            var subscriber = new Subscriber(filter, capacity);
            subscribers.add(subscriber);
            return subscriber.events().doFinally(signal -> subscribers.remove(subscriber));
        });
    }

    int subscribers() {
        return subscribers.size();
    }

    private static final class Subscriber {

        private final Predicate<ChangeEvent> filter;
        private final Sinks.Many<ChangeEvent> queue;
        private volatile boolean overflowed;

        Subscriber(Predicate<ChangeEvent> filter, int capacity) {
            this.filter = filter;
            this.queue = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<ChangeEvent>get(capacity).get());
        }

        void offer(ChangeEvent event) {
            if (overflowed || !filter.test(event)) {
                return;
            }
            if (queue.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                overflowed = true;
                queue.tryEmitComplete();
            } else if (event.endsSubscription()) {
                queue.tryEmitComplete();
            }
        }

        Flux<ChangeEvent> events() {
            return queue.asFlux().concatWith(Mono.fromSupplier(() -> overflowed ? ChangeEvent.overflow() : null));
        }
    }
}

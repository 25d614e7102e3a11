package dev.postflux.events;

import dev.postflux.stream.StreamEncoder;
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

    private final StreamEncoder encoder;

    ChangeHub(StreamEncoder encoder) {
        this.encoder = encoder;
    }

    /** The listener's first LISTEN succeeded (later reconnects announce {@code resync} instead). */
    void listening() {
        listening.tryEmitEmpty();
    }

    /** Completes when no change made from now on can be missed by a new subscriber. */
    Mono<Void> whenListening() {
        return listening.asMono();
    }

    /**
     * Serialised: the listener publishes, and at shutdown the closing thread does. The event is encoded once, for
     * all the subscribers that want it, and not at all when none does: a thousand dashboards cost one encoding.
     */
    synchronized void publish(ChangeEvent event) {
        PublishedEvent published = null;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.wants(event)) {
                if (published == null) {
                    published = encode(event);
                }
                subscriber.offer(published);
            }
        }
    }

    /**
     * {@code preamble}'s frames, then the frames of this instance's changes that pass {@code filter}. The subscriber
     * is registered before the preamble is subscribed to, so that a client that has read the preamble (the stream's
     * confirmation) misses no change made after it: what comes meanwhile waits in the subscriber's queue.
     */
    Flux<byte[]> frames(Predicate<ChangeEvent> filter, int capacity, Flux<byte[]> preamble) {
        return Flux.using(
                () -> register(filter, capacity),
                subscriber -> preamble.concatWith(events(subscriber).map(PublishedEvent::frame)),
                subscribers::remove);
    }

    private Subscriber register(Predicate<ChangeEvent> filter, int capacity) {
        var subscriber = new Subscriber(filter, capacity);
        subscribers.add(subscriber);
        return subscriber;
    }

    /** The subscriber's events, and {@code overflow} after them if its queue overflowed. */
    private Flux<PublishedEvent> events(Subscriber subscriber) {
        return subscriber
                .events()
                .concatWith(Mono.fromSupplier(() -> subscriber.overflowed ? encode(ChangeEvent.overflow()) : null));
    }

    int subscribers() {
        return subscribers.size();
    }

    /** The one place an event becomes its server-sent-event frame. */
    PublishedEvent encode(ChangeEvent event) {
        return new PublishedEvent(event, encoder.event(null, event.type(), event.data()));
    }

    /** An event with its server-sent-event frame, shared by every subscriber that receives it. */
    record PublishedEvent(ChangeEvent event, byte[] frame) {}

    private static final class Subscriber {

        private final Predicate<ChangeEvent> filter;
        private final Sinks.Many<PublishedEvent> queue;
        private volatile boolean overflowed;

        Subscriber(Predicate<ChangeEvent> filter, int capacity) {
            this.filter = filter;
            this.queue = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<PublishedEvent>get(capacity).get());
        }

        boolean wants(ChangeEvent event) {
            return !overflowed && filter.test(event);
        }

        void offer(PublishedEvent published) {
            if (queue.tryEmitNext(published) == Sinks.EmitResult.FAIL_OVERFLOW) {
                overflowed = true;
                queue.tryEmitComplete();
            } else if (published.event().endsSubscription()) {
                queue.tryEmitComplete();
            }
        }

        Flux<PublishedEvent> events() {
            return queue.asFlux();
        }
    }
}

package dev.postflux.events;

import dev.postflux.common.error.Problems;
import dev.postflux.common.web.ClientConnection;
import dev.postflux.common.web.ClientKeys;
import dev.postflux.common.web.Negotiation;
import dev.postflux.common.web.QueryParameters;
import dev.postflux.stream.StreamEncoder;
import dev.postflux.stream.StreamLimiter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /events}: live changes as server-sent events. Each subscription has its own bounded buffer: one that
 * falls behind by more than that gets {@code event: overflow} and is disconnected, never silently skipped.
 */
@Component
class EventsHandler {

    private static final Set<String> PARAMETERS = Set.of("types", "authorId");
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    /** Any id will do: it is only there to come back with a reconnect (see {@link #reconnected}). */
    private static final String SUBSCRIBED_ID = "subscribed";

    private final ChangeHub hub;
    private final EventsProperties properties;
    private final StreamEncoder encoder;
    private final StreamLimiter limiter;

    EventsHandler(ChangeHub hub, EventsProperties properties, StreamEncoder encoder, StreamLimiter limiter) {
        this.hub = hub;
        this.properties = properties;
        this.encoder = encoder;
        this.limiter = limiter;
    }

    Mono<ServerResponse> subscribe(ServerRequest request) {
        Negotiation.choose(request, List.of(MediaType.TEXT_EVENT_STREAM));
        var query = QueryParameters.of(request, PARAMETERS);
        Set<String> types = types(query);
        Long userId = query.integer("authorId", 1, Integer.MAX_VALUE)
                .map(Integer::longValue)
                .orElse(null);
        // A heartbeat the client is not reading is pointless: drop it rather than fail the stream.
        Flux<byte[]> heartbeats =
                Flux.interval(properties.heartbeat()).onBackpressureDrop().map(tick -> encoder.comment("heartbeat"));
        Flux<byte[]> confirmation = Flux.concat(
                // Confirmed only once the instance listens and this subscriber is registered (the hub subscribes to
                // the confirmation after registering): a change made after it is never missed, even by a
                // subscriber of an instance that has only just started.
                hub.whenListening().then(Mono.fromSupplier(() -> encoder.comment("subscribed", SUBSCRIBED_ID))),
                reconnected(request));
        Flux<byte[]> frames = hub.frames(
                        event -> event.matches(types, userId), properties.subscriberBuffer(), confirmation)
                // Heartbeats start after the confirmation, the stream's first frame, and end with the stream.
                .publish(shared -> Flux.merge(
                        shared,
                        heartbeats.takeUntilOther(shared.ignoreElements()).delaySubscription(shared.next())));
        DataBufferFactory buffers = request.exchange().getResponse().bufferFactory();
        return ClientKeys.of(request.exchange())
                .flatMap(client -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .cacheControl(CacheControl.noStore())
                        .body(BodyInserters.fromDataBuffers(limiter.limitPerClient(client, frames)
                                .takeUntilOther(ClientConnection.closed(request.exchange()))
                                .map(buffers::wrap))));
    }

    /**
     * An EventSource that lost its connection reconnects on its own, sending back the id of the confirmation it
     * got: changes made in between are gone (events are not stored), so it is told to re-read, as after any gap.
     */
    private Mono<byte[]> reconnected(ServerRequest request) {
        if (request.headers().firstHeader(LAST_EVENT_ID) == null) {
            return Mono.empty();
        }
        return Mono.fromSupplier(() -> hub.encode(ChangeEvent.resubscribed()).frame());
    }

    /** {@code types=user.created,post.*}: exact types or a resource's wildcard. */
    private static Set<String> types(QueryParameters query) {
        Set<String> types = new TreeSet<>();
        for (String type : query.list("types").orElse(List.of())) {
            String prefix = type.endsWith(".*") ? type.substring(0, type.length() - 1) : null;
            List<String> matching = ChangeEvent.RESOURCE_TYPES.stream()
                    .filter(known -> prefix == null ? known.equals(type) : known.startsWith(prefix))
                    .toList();
            if (matching.isEmpty()) {
                throw Problems.invalid(
                        "types",
                        "may only name " + String.join(", ", new TreeSet<>(ChangeEvent.RESOURCE_TYPES))
                                + ", user.* or post.*");
            }
            types.addAll(matching);
        }
        return types;
    }
}

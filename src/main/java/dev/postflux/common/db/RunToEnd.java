package dev.postflux.common.db;

import reactor.core.publisher.Mono;

/**
 * Lets a transactional write finish, commit or roll back, even when its caller goes away. A client that
 * disconnects mid-write cancels the request; cancelling a reactive transaction makes Spring roll it back
 * concurrently with statements still on the wire, and a cancel that lands between them was seen to leave a user
 * committed without all its posts (CancellationIntegrationTests). A write is short; finishing it costs little and
 * makes its outcome depend only on the database: all of it or none of it.
 */
public final class RunToEnd {

    private RunToEnd() {}

    /** Subscribes to {@code write} on its own; the returned Mono's cancellation no longer reaches it. */
    public static <T> Mono<T> of(Mono<T> write) {
        return Mono.fromFuture(write::toFuture, true);
    }
}

package dev.postflux.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The mark of database work that its caller may stop waiting for (a read past the request's deadline, a stream's
 * page past its time limit). Carried in the Reactor context of that work; the pool hands the work connections that
 * read it when they are released (see {@link AbandonableConnection}).
 *
 * <p>Why: cancelling a query's subscription only stops reading its rows. The driver sends PostgreSQL no cancel
 * request, and the pool takes the connection back at once, so whoever borrowed it next waited behind the abandoned
 * query until {@code statement_timeout} ended it (a fault review of 2026-12-07 saw a healthy database's readiness
 * probe answered DOWN that way). A connection released by abandoned work is therefore not reused: its query is
 * cancelled and the connection closed.
 *
 * <p>The mark must be set before the work is cancelled, so that the release the cancellation causes sees it.
 */
public final class Abandonment {

    private static final Object KEY = Abandonment.class;

    private volatile boolean abandoned;

    /** Work that ends in {@code fallback} when {@code timeout} passes first; its connections are abandoned then. */
    public static <T> Mono<T> within(Duration timeout, Mono<T> work, Mono<T> fallback) {
        return Mono.defer(() -> {
            var abandonment = new Abandonment();
            return work.timeout(Mono.delay(timeout).doOnNext(tick -> abandonment.abandon()), fallback)
                    .contextWrite(abandonment::addTo);
        });
    }

    /** Work that errs with a {@link TimeoutException} when {@code timeout} passes first. */
    public static <T> Mono<T> within(Duration timeout, Mono<T> work) {
        return within(
                timeout,
                work,
                Mono.error(() -> new TimeoutException("Did not finish within " + timeout.toMillis() + " ms")));
    }

    /** Marks the work carrying this in its context as abandoned: call before cancelling it. */
    public void abandon() {
        abandoned = true;
    }

    public Context addTo(Context context) {
        return context.put(KEY, this);
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** The work's mark, or null when nothing may abandon it (writes, for one: they run to their end). */
    static Abandonment of(ContextView context) {
        return context.getOrDefault(KEY, null);
    }
}

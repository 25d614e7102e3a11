package dev.postflux.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Asks the identity provider for its key set at most once per {@link #MIN_INTERVAL}. Spring Security's remote key
 * source fetches the set again whenever a token names a key it does not hold, so anyone could make the server call
 * the identity provider once per request, with forged tokens naming made-up keys. Within the interval the last set
 * fetched is served from memory (a token naming another key is then refused, as it would be anyway); after it, the
 * next miss fetches again, so a key the provider has just rotated in is accepted within the interval. Concurrent
 * fetches are one, and a failed fetch waits out the interval too, serving the last set fetched, if any.
 */
final class KeySetFetchLimit implements ExchangeFilterFunction {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private final Clock clock;
    private final AtomicReference<Mono<String>> inFlight = new AtomicReference<>();
    private volatile String lastKeySet;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile Throwable lastFailure;

    KeySetFetchLimit(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Mono<String> running = inFlight.get();
        if (running == null && clock.instant().isBefore(lastAttempt.plus(MIN_INTERVAL))) {
            String known = lastKeySet;
            Throwable failure = lastFailure;
            return known != null
                    ? Mono.just(served(known))
                    : Mono.error(failure != null ? failure : new IllegalStateException("No key set fetched yet"));
        }
        return (running != null ? running : fetch(request, next)).map(KeySetFetchLimit::served);
    }

    private Mono<String> fetch(ClientRequest request, ExchangeFunction next) {
        Mono<String> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<String> attempt = Mono.defer(() -> {
                    lastAttempt = clock.instant();
                    return next.exchange(request).flatMap(KeySetFetchLimit::body);
                })
                .doOnNext(keySet -> lastKeySet = keySet)
                .onErrorResume(failure -> {
                    lastFailure = failure;
                    String known = lastKeySet;
                    return known != null ? Mono.just(known) : Mono.error(failure);
                })
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, attempt) ? attempt : fetch(request, next);
    }

    private static Mono<String> body(ClientResponse response) {
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(String.class);
        }
        return response.releaseBody()
                .then(Mono.error(new IllegalStateException("The identity provider answered "
                        + response.statusCode().value() + " for its key set")));
    }

    private static ClientResponse served(String keySet) {
        return ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(keySet)
                .build();
    }
}

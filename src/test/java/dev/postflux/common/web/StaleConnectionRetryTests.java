package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class StaleConnectionRetryTests {

    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void runsAReadAgainOnAnotherConnectionWhenItsBackendWasTerminated() {
        var terminated =
                new R2dbcNonTransientResourceException("terminating connection due to administrator command", "57P01");

        StepVerifier.create(readFailingWith(terminated, HttpMethod.GET))
                .expectError(R2dbcNonTransientResourceException.class)
                .verify();

        assertThat(runs).hasValue(3);
    }

    /** A statement_timeout leaves the connection alive: running the slow read again would double its load. */
    @Test
    void doesNotRunAReadAgainWhoseStatementWasCancelled() {
        var cancelled = new R2dbcNonTransientResourceException("canceling statement due to statement timeout", "57014");

        StepVerifier.create(readFailingWith(cancelled, HttpMethod.GET))
                .expectError(R2dbcNonTransientResourceException.class)
                .verify();

        assertThat(runs).hasValue(1);
    }

    @Test
    void neverRunsAWriteAgain() {
        var terminated = new R2dbcNonTransientResourceException("terminating connection", "57P01");

        StepVerifier.create(readFailingWith(terminated, HttpMethod.POST))
                .expectError(R2dbcNonTransientResourceException.class)
                .verify();

        assertThat(runs).hasValue(1);
    }

    private Mono<ServerResponse> readFailingWith(Exception error, HttpMethod method) {
        return StaleConnectionRetry.READS.filter(
                MockServerRequest.builder().method(method).build(), request -> {
                    runs.incrementAndGet();
                    return Mono.error(error);
                });
    }
}

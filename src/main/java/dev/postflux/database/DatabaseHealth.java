package dev.postflux.database;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Spring Boot's R2DBC health check with a deadline. A frozen PostgreSQL keeps sockets open and never answers, so
 * the check alone would hang the readiness probe until the prober gives up; with the deadline readiness answers
 * DOWN at once, and UP again with the first check that gets an answer. The connection of a check cut short is
 * closed, not reused ({@link Abandonment}).
 */
final class DatabaseHealth implements ReactiveHealthIndicator {

    private final ReactiveHealthIndicator check;
    private final Duration timeout;

    DatabaseHealth(ReactiveHealthIndicator check, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return Abandonment.within(
                timeout,
                check.health(),
                Mono.fromSupplier(() -> Health.down()
                        .withDetail("error", "PostgreSQL did not answer within " + timeout.toMillis() + " ms")
                        .build()));
    }
}

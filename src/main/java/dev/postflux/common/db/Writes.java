package dev.postflux.common.db;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * How every write reaches the database: to its end whatever the client does ({@link RunToEnd}), and answered 504
 * rather than "503, retry shortly" when the connection is lost once the change may have been committed: a client
 * that retried as told would apply it twice (a fault review cut the connection right after {@code COMMIT} was
 * sent, and the retried post was stored twice).
 */
public final class Writes {

    private Writes() {}

    /**
     * {@code work} in one transaction. A loss while the work runs leaves nothing behind (PostgreSQL rolls back a
     * transaction whose connection ends), so only a loss once the work is done, while committing, is unknown.
     */
    public static <T> Mono<T> inTransaction(Mono<T> work, TransactionalOperator transaction) {
        return Mono.defer(() -> {
                    var committing = new AtomicBoolean();
                    return work.doOnSuccess(done -> committing.set(true))
                            .as(transaction::transactional)
                            .onErrorMap(
                                    error -> committing.get() && ConnectionLoss.isLoss(error),
                                    ConnectionLoss::outcomeUnknown);
                })
                .as(RunToEnd::of);
    }

    /**
     * {@code statement}, one that commits on its own (no transaction around it), so any loss may be after its
     * commit. Not run to its end by {@link RunToEnd}: a single statement already on the wire is all or nothing.
     */
    public static <T> Mono<T> oneStatement(Mono<T> statement) {
        return statement.onErrorMap(ConnectionLoss::isLoss, ConnectionLoss::outcomeUnknown);
    }
}

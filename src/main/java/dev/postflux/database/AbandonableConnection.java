package dev.postflux.database;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A pooled connection lent to work that may be abandoned ({@link Abandonment}). Released after its work was
 * abandoned, it is taken out of the pool instead of reused: PostgreSQL is asked to cancel the query it may still be
 * running (a cancel request, sent on a connection of its own), and the pool closes the connection on release
 * ({@link ConnectionEviction}). Whether to do so is decided here, inside the release, so no other borrower can be
 * holding the connection yet: a cancel request sent later could stop that borrower's query instead.
 */
final class AbandonableConnection implements Connection, Wrapped<Connection> {

    private static final Logger log = LoggerFactory.getLogger(AbandonableConnection.class);
    /** A cancel request opens a connection of its own; to a frozen PostgreSQL it might never be answered. */
    private static final Duration CANCEL_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Connection pooled;
    private final Abandonment abandonment;
    private final ConnectionEviction eviction;

    AbandonableConnection(Connection pooled, Abandonment abandonment, ConnectionEviction eviction) {
        this.pooled = pooled;
        this.abandonment = abandonment;
        this.eviction = eviction;
    }

    @Override
    public Publisher<Void> close() {
        return Mono.defer(() -> {
            if (abandonment.isAbandoned()) {
                discard();
            }
            return Mono.from(pooled.close());
        });
    }

    private void discard() {
        Connection own = unwrap(pooled);
        if (!eviction.evictWhenReleased(own)) {
            return; // already discarded by an earlier close
        }
        PostgresqlConnection postgres = PostgresqlConnections.under(own);
        if (postgres == null) {
            return; // another driver: closing the connection is all we can do
        }
        postgres.cancelRequest()
                .timeout(CANCEL_REQUEST_TIMEOUT)
                .subscribe(null, error -> log.debug("Could not cancel an abandoned query: {}", error.toString()));
    }

    /** The pool's own connection: what its eviction rule is given. */
    private static Connection unwrap(Connection connection) {
        return connection instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection inner
                ? inner
                : connection;
    }

    @Override
    public Connection unwrap() {
        return pooled;
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return pooled.beginTransaction();
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return pooled.beginTransaction(definition);
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return pooled.commitTransaction();
    }

    @Override
    public Batch createBatch() {
        return pooled.createBatch();
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return pooled.createSavepoint(name);
    }

    @Override
    public Statement createStatement(String sql) {
        return pooled.createStatement(sql);
    }

    @Override
    public boolean isAutoCommit() {
        return pooled.isAutoCommit();
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return pooled.getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return pooled.getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return pooled.releaseSavepoint(name);
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return pooled.rollbackTransaction();
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return pooled.rollbackTransactionToSavepoint(name);
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return pooled.setAutoCommit(autoCommit);
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return pooled.setLockWaitTimeout(timeout);
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return pooled.setStatementTimeout(timeout);
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return pooled.setTransactionIsolationLevel(level);
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return pooled.validate(depth);
    }

    @Override
    public String toString() {
        return "Abandonable" + pooled;
    }
}

package dev.postflux.events;

import dev.postflux.database.PostgresqlConnections;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on {@value #CHANNEL} over one dedicated connection (outside the pool, which it must not hold forever)
 * and feeds the {@link ChangeHub}. When the connection fails it reconnects with backoff, re-issues LISTEN and
 * publishes {@code resync}, since notifications sent meanwhile are lost. A periodic ping notices a database that
 * stopped answering without closing the socket.
 */
@Component
@ConditionalOnWebApplication
class ChangeListener implements SmartLifecycle {

    static final String CHANNEL = "postflux_changes";
    private static final int LISTENER_BUFFER = 100_000;
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final ConnectionFactory connections;
    private final ChangeEnricher enricher;
    private final ChangeHub hub;
    private final EventsProperties properties;
    private final JsonMapper json;
    private final AtomicBoolean listenedBefore = new AtomicBoolean();
    private volatile Disposable subscription;

    ChangeListener(
            ConnectionFactory connectionFactory,
            ChangeEnricher enricher,
            ChangeHub hub,
            EventsProperties properties,
            JsonMapper json) {
        this.connections = connectionFactory instanceof ConnectionPool pool ? pool.unwrap() : connectionFactory;
        this.enricher = enricher;
        this.hub = hub;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void start() {
        subscription = Flux.defer(this::listen)
                .retryWhen(reconnects())
                .subscribe(hub::publish, error -> log.error("Change listener stopped", error));
    }

    /**
     * Backoff from 250 ms up to 5 s while the database refuses, starting again from 250 ms after a connection that
     * worked: without that, every outage after the first few in the process's life would wait seconds before
     * listening again, and subscribers would miss more. A working connection shows itself by an event (the
     * {@code resync} it publishes on listening again, or any change), which is what resets the count.
     */
    static RetryBackoffSpec reconnects() {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250))
                .maxBackoff(Duration.ofSeconds(5))
                .transientErrors(true)
                .doBeforeRetry(signal -> log.warn(
                        "Change listener lost its connection ({}); reconnecting",
                        signal.failure().toString()));
    }

    @Override
    public void stop() {
        hub.publish(ChangeEvent.shutdown());
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    /** Before the web server's graceful shutdown, so that open subscriptions end instead of holding it up. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private Flux<ChangeEvent> listen() {
        return Flux.usingWhen(
                connections.create(),
                connection -> {
                    PostgresqlConnection postgres = unwrap(connection);
                    Flux<ChangeEvent> changes = postgres.getNotifications()
                            // Nobody to tell on this instance: do not hand over, or read, what nobody will
                            // receive. Checked here, on the connection's event loop, before the hand-off below,
                            // which wakes a thread per notification (without it, a POST takes 11% less CPU:
                            // docs/benchmarks.md).
                            // A subscriber counted before its change committed still sees it: the notification
                            // arrives after the commit.
                            .filter(notification -> hub.subscribers() > 0)
                            // The driver drops notifications that find no demand; take them all at once and queue
                            // here. A listener that falls this far behind reconnects, and subscribers resync.
                            .onBackpressureBuffer(LISTENER_BUFFER, dropped -> {}, BufferOverflowStrategy.ERROR)
                            // Off the connection's event loop, so that a burst being processed does not hold up
                            // the driver (and the ping's answer behind it).
                            .publishOn(Schedulers.parallel(), 256)
                            .map(notification -> json.readValue(notification.getParameter(), ChangeNotification.class))
                            .flatMapSequential(enricher::enrich, 8)
                            // Enriched events complete on the database connection's event loop, which serves every
                            // query: fan them out to the subscribers (a write to each socket) from another thread.
                            .publishOn(Schedulers.parallel(), 256);
                    return Flux.merge(changes, listenAndAnnounce(postgres), pings(postgres))
                            .concatWith(Flux.error(() -> new IllegalStateException("listener connection closed")));
                },
                Connection::close,
                (connection, error) -> connection.close(),
                Connection::close);
    }

    /** After a reconnect, subscribers learn that they may have missed changes. */
    private Mono<ChangeEvent> listenAndAnnounce(PostgresqlConnection postgres) {
        return postgres.createStatement("LISTEN " + CHANNEL)
                .execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromSupplier(() -> {
                    log.info("Listening for changes on {}", CHANNEL);
                    hub.listening();
                    return listenedBefore.getAndSet(true) ? ChangeEvent.resync() : null;
                }));
    }

    private Flux<ChangeEvent> pings(PostgresqlConnection postgres) {
        Duration every = properties.listenerPing();
        return Flux.interval(every)
                // A ping still in flight when the next is due (a busy connection) is enough: skip the tick.
                .onBackpressureDrop()
                .concatMap(tick -> postgres.createStatement("SELECT 1")
                        .execute()
                        .flatMap(result -> result.map((row, metadata) -> 1))
                        .then()
                        .timeout(properties.listenerPingTimeout()))
                .thenMany(Flux.empty());
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        PostgresqlConnection postgres = PostgresqlConnections.under(connection);
        if (postgres == null) {
            throw new IllegalStateException("LISTEN needs a PostgreSQL connection, got " + connection.getClass());
        }
        return postgres;
    }
}

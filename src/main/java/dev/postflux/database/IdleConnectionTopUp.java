package dev.postflux.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the pool at {@code min-idle} open connections while no request comes. r2dbc-pool opens connections up to
 * that floor only when one is acquired, and its background sweep closes those idle past {@code max-idle-time} or
 * older than {@code max-life-time} without opening others: a server without requests for 10 minutes held none,
 * and its first request paid the opening (found by the settings review of 2026-12-07). The same after an outage
 * that dropped connections. Each sweep interval, the pool is topped up with reactor-pool's own warm-up, which
 * opens only what is missing below the floor, nothing while the pool holds it.
 */
final class IdleConnectionTopUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdleConnectionTopUp.class);

    private final ConnectionFactory connectionFactory;
    private final Duration interval;
    private volatile Disposable running;

    IdleConnectionTopUp(ConnectionFactory connectionFactory, Duration interval) {
        this.connectionFactory = connectionFactory;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (!(connectionFactory instanceof ConnectionPool pool)) {
            return; // a connection factory of the application's own: nothing of ours to keep up
        }
        running = Flux.interval(interval, interval)
                // One top-up at a time: during an outage an opening can take the connect timeout.
                .onBackpressureDrop()
                .concatMap(tick -> topUp(pool), 1)
                .subscribe();
    }

    private static Mono<Integer> topUp(ConnectionPool pool) {
        return pool.warmup()
                .doOnNext(opened -> {
                    if (opened > 0) {
                        log.debug("Opened {} connections to keep min-idle", opened);
                    }
                })
                // The database is down: requests get their 503s, and the next tick tries again.
                .onErrorResume(error -> {
                    log.debug("Could not top the pool up to min-idle: {}", error.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

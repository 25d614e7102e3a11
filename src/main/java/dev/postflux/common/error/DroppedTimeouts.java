package dev.postflux.common.error;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Reactor's handling of errors that arrive after their sequence ended, minus one false alarm. When a request body
 * stops arriving, Reactor Netty delivers its read timeout twice: to the body, which the server answers 408, and
 * again once the body has ended, where Reactor drops it with an ERROR line ("Operator called default
 * onErrorDropped") that an operator's alerting would take for a fault of ours. Timeouts of the client's
 * connection are logged at DEBUG; every other dropped error still gets Reactor's own ERROR line, under Reactor's
 * logger name.
 */
@Component
class DroppedTimeouts {

    private static final Logger reactor = LoggerFactory.getLogger("reactor.core.publisher.Operators");
    private static final Logger log = LoggerFactory.getLogger(DroppedTimeouts.class);
    /** Reactor chains every hook installed: one per JVM, however many application contexts it starts. */
    private static final AtomicBoolean installed = new AtomicBoolean();

    DroppedTimeouts() {
        if (installed.compareAndSet(false, true)) {
            Hooks.onErrorDropped(DroppedTimeouts::dropped);
        }
    }

    private static void dropped(Throwable error) {
        if (ProblemTranslator.isRequestTimeout(error)) {
            log.debug("A client connection's timeout arrived after its request ended: {}", error.toString());
        } else {
            reactor.error("Operator called default onErrorDropped", error);
        }
    }
}

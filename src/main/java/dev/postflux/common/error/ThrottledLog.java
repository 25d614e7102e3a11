package dev.postflux.common.error;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lets one line through per interval and counts the rest. During an outage every request fails the same way;
 * writing thousands of identical lines a second would make the log itself the bottleneck and bury the cause.
 */
final class ThrottledLog {

    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledLog(java.time.Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Calls {@code log} with the number of lines suppressed since the last one, or counts this one. */
    void log(Consumer<Long> log) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0)
                && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            log.accept(suppressed.getAndSet(0));
        } else {
            suppressed.incrementAndGet();
        }
    }
}

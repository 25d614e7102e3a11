package dev.postflux.common.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import java.io.BufferedOutputStream;
import java.time.Duration;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Moves the console's writes off the threads that log, and writes them in batches. Boot's console appender writes
 * each line to stdout on the calling thread, which for the access line is an event loop: one blocking write per
 * request, and a stalled stdout (a full pipe, a slow log shipper) would stall every request. Here Boot's own
 * console appender, with whatever format it was given ({@code LOG_FORMAT}), is put behind an asynchronous appender:
 * callers only publish to a ring buffer.
 *
 * <p>Not Logback's own {@code AsyncAppender}: its writer sleeps on a blocking queue, so at a few thousand lines a
 * second every line paid a wake-up of that thread (a futex call on the event loop that logged it, a context switch)
 * and a {@code write} of its own; together about a third of what the access line cost (docs/benchmarks.md). The
 * writer here looks for lines every {@link #BATCH_INTERVAL}, takes all that are there, and writes them with one
 * {@code write} (the console's stream is buffered and flushed at the end of each batch). Nobody wakes it, so
 * logging a line is a slot claimed in the ring; a line reaches stdout at most that interval later.
 *
 * <p>The ring holds {@value #QUEUE_SIZE} lines and never blocks a caller: when it is full (stdout slower than the
 * log rate for that long), lines are dropped (noted in Logback's status messages) instead of stalling requests. Nothing
 * is discarded before then, whatever its level. On shutdown Boot stops Logback, which writes out what is queued.
 * Runs right after Boot has configured logging, and again whenever it does (each application start in one JVM).
 */
public final class AsyncConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String APPENDER = "ASYNC_CONSOLE";
    static final int QUEUE_SIZE = 8192;
    /** How long a line may wait before it is written: short for a person watching, long for thousands of lines. */
    static final Duration BATCH_INTERVAL = Duration.ofMillis(10);

    private static final String BOOT_CONSOLE = "CONSOLE";
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final ch.qos.logback.core.util.Duration SHUTDOWN_DRAIN =
            ch.qos.logback.core.util.Duration.buildBySeconds(5);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context);
        }
    }

    /** Puts {@code context}'s console appender, if it has one, behind the asynchronous appender; once. */
    static void install(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(BOOT_CONSOLE);
        if (console == null || root.getAppender(APPENDER) != null) {
            return;
        }
        if (console instanceof ConsoleAppender<ILoggingEvent> consoleAppender) {
            flushedPerBatch(consoleAppender);
        }
        var async = new LoggingEventAsyncDisruptorAppender();
        async.setContext(context);
        async.setName(APPENDER);
        async.setRingBufferSize(QUEUE_SIZE);
        // Park for the interval whenever the ring is empty: no spinning, and no signal from the threads that log.
        async.setWaitStrategyType("sleeping{0," + BATCH_INTERVAL.toNanos() + "}");
        async.setShutdownGracePeriod(SHUTDOWN_DRAIN);
        // Its default would print the "lines dropped" warning to the console on the thread that logged, which is
        // what must not wait on a stalled stdout. The warning stays in Logback's status messages.
        async.setAddDefaultStatusListener(false);
        async.addAppender(console);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }

    /**
     * Buffers the console's output until the asynchronous appender flushes it at the end of a batch. The buffer
     * writes to the console target's stream, which looks up {@code System.out} (or {@code err}) on every write, so
     * a replaced {@code System.out} (the tests' output capture) still gets every line.
     */
    private static void flushedPerBatch(ConsoleAppender<ILoggingEvent> console) {
        var target = ConsoleTarget.findByName(console.getTarget());
        if (target == null) {
            return;
        }
        console.setImmediateFlush(false);
        console.setOutputStream(new BufferedOutputStream(target.getStream(), WRITE_BUFFER_BYTES));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}

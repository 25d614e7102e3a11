package dev.postflux.common.observability;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Moves the console's writes off the threads that log. Boot's console appender writes each line to stdout on the
 * calling thread, which for the access line is an event loop: one blocking write per request, and a stalled
 * stdout (a full pipe, a slow log shipper) would stall every request. Here Boot's own console appender, with
 * whatever format it was given ({@code LOG_FORMAT}), is put behind Logback's {@link AsyncAppender}: callers only
 * enqueue.
 *
 * <p>The queue holds {@value #QUEUE_SIZE} lines and never blocks a caller: when it is full (stdout slower than
 * the log rate for that long), lines are dropped instead of stalling requests. Nothing is discarded before then,
 * whatever its level. On shutdown Boot stops Logback, which writes out what is queued. Runs right after Boot has
 * configured logging, and again whenever it does (each application start in one JVM).
 */
public final class AsyncConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String APPENDER = "ASYNC_CONSOLE";
    static final int QUEUE_SIZE = 8192;
    private static final String BOOT_CONSOLE = "CONSOLE";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(BOOT_CONSOLE);
        if (console == null || root.getAppender(APPENDER) != null) {
            return;
        }
        var async = new AsyncAppender();
        async.setContext(context);
        async.setName(APPENDER);
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}

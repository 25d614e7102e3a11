package dev.postflux.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;

/** What one logger wrote to the console a test captured, line by line (the logger's name is on every line). */
public final class LogLines {

    private LogLines() {}

    public static List<String> of(CapturedOutput output, String logger) {
        return output.getOut().lines().filter(line -> line.contains(logger)).toList();
    }

    /**
     * Waits until every line logged so far is in {@code output}. The console is written in batches, off the threads
     * that log (AsyncConsoleLogging), in the order lines were logged: once a marker logged now has arrived, so has
     * everything before it. For tests that assert a line's absence, which would otherwise pass on a line still
     * on its way.
     */
    public static void flushed(CapturedOutput output) {
        String marker = "log flushed " + UUID.randomUUID();
        // Warn: a level every logger configuration lets through.
        LoggerFactory.getLogger(LogLines.class).warn(marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(marker));
    }
}

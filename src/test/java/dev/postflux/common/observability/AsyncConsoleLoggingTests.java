package dev.postflux.common.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console behind {@link AsyncConsoleLogging}, on a Logback context of its own shaped like Boot's (a root logger
 * with a {@code CONSOLE} appender on {@code System.out}), with {@code System.out} replaced by a stream that counts
 * its writes, as the real one makes a system call per write.
 */
class AsyncConsoleLoggingTests {

    private final PrintStream realOut = System.out;
    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void bootLikeConsole() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's provider gives the context it starts
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
    }

    @AfterEach
    void restore() {
        context.stop();
        System.setOut(realOut);
    }

    @Test
    void writesEveryLineOfManyThreadsInBatchesAndTheRestOnStop() throws Exception {
        var out = new CountingOutput();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        AsyncConsoleLogging.install(context);
        Logger log = context.getLogger("test");

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            var writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    log.info("thread {} line {}", thread, i);
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        context.stop(); // as Boot does on shutdown: what is still queued is written out

        // Only this context's lines: servers that other test classes left running write to System.out too.
        List<String> lines =
                out.text().lines().filter(line -> line.startsWith("thread ")).toList();
        assertThat(lines).hasSize(2000);
        for (int t = 0; t < 4; t++) {
            String prefix = "thread " + t + " ";
            assertThat(lines.stream().filter(line -> line.startsWith(prefix)))
                    .as("each thread's lines, in its order")
                    .containsExactlyElementsOf(IntStream.range(0, 500)
                            .mapToObj(i -> prefix + "line " + i)
                            .toList());
        }
        assertThat(out.writes.get())
                .as("writes to stdout: one per batch, not one per line")
                .isLessThan(2000 / 4);
    }

    @Test
    void aStalledConsoleNeverBlocksTheThreadThatLogs() throws Exception {
        var stall = new CountDownLatch(1);
        var out = new CountingOutput() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    stall.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(bytes, offset, length);
            }
        };
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        AsyncConsoleLogging.install(context);
        Logger log = context.getLogger("test");
        int lines = AsyncConsoleLogging.QUEUE_SIZE * 3;

        // Bounded only so that a regression fails instead of hanging the build; it takes milliseconds.
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int i = 0; i < lines; i++) {
                log.info("line {}", i);
            }
        });
        stall.countDown();
        context.stop();

        List<String> written =
                out.text().lines().filter(line -> line.startsWith("line ")).toList();
        // Nothing is dropped before the ring is full: at least its size of lines, contiguous from the first.
        assertThat(written)
                .as("the first lines, in order")
                .startsWith(java.util.stream.IntStream.range(0, AsyncConsoleLogging.QUEUE_SIZE)
                        .mapToObj(i -> "line " + i)
                        .toArray(String[]::new));
        assertThat(written.size())
                .as("what did not fit while stdout was stalled was dropped, not waited for")
                .isLessThan(lines);
    }

    /** An in-memory stdout that counts the writes reaching it. */
    private static class CountingOutput extends OutputStream {

        final AtomicInteger writes = new AtomicInteger();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            writes.incrementAndGet();
            bytes.write(b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            synchronized (this) {
                writes.incrementAndGet();
                bytes.write(buffer, offset, length);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

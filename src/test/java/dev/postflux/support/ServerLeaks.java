package dev.postflux.support;

import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Every buffer leak Netty's detector (paranoid in the test JVM) reports, kept so that a test can fail on it instead
 * of leaving it as a log line nobody reads. Installed as the detectors' factory when the test JVM's launcher
 * session opens, before any test can load Netty's buffers (whose detector is created once, with the class).
 */
public class ServerLeaks implements LauncherSessionListener {

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final String SENTINEL = "ServerLeaks sentinel #";
    private static final AtomicLong SENTINELS = new AtomicLong();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                    Class<T> resource, int samplingInterval, long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    /**
     * Surfaces the leaks of buffers already unreachable, then takes the reports of the server's side since the
     * last call. Netty reports a leak only once the collector has queued the buffer's reference and a new buffer is
     * tracked after that, and the queueing runs on a thread of its own: so a buffer of our own (the sentinel) is
     * dropped unreleased, and collections and allocations repeat until its report is in. Buffers dropped before it
     * are then, as a rule, reported too (the collector does not promise an order: a leak it queues late fails
     * the next class instead).
     */
    public static List<String> takeServerSide() {
        List<String> reports = new ArrayList<>();
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            surfaceQueuedLeaks();
            drainInto(reports, "");
            return serverSide(reports);
        }
        String sentinel = SENTINEL + SENTINELS.incrementAndGet();
        dropUnreleased(sentinel);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        surfaceQueuedLeaks();
                        return drainInto(reports, sentinel);
                    });
        } catch (ConditionTimeoutException collectorTooSlow) {
            // Whatever is not in yet is taken by the next call: a guard must not fail a class for being slow.
        }
        return serverSide(reports);
    }

    private static void surfaceQueuedLeaks() {
        System.gc();
        for (var allocator : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
            ByteBuf probe = allocator.directBuffer(1);
            probe.release();
        }
    }

    /**
     * Moves the reports into {@code reports}, but not the sentinels' (an earlier call's comes in late when the
     * collector was slow); whether this call's sentinel was among them.
     */
    private static boolean drainInto(List<String> reports, String sentinel) {
        boolean sentinelSeen = false;
        for (String report; (report = REPORTS.poll()) != null; ) {
            if (!report.contains(SENTINEL)) {
                reports.add(report);
            } else if (report.contains(sentinel + "\n")) {
                sentinelSeen = true;
            }
        }
        return sentinelSeen;
    }

    /** In a method of its own, so that no local of the caller keeps the buffer reachable. */
    private static void dropUnreleased(String hint) {
        UnpooledByteBufAllocator.DEFAULT.directBuffer(1).touch(hint);
    }

    private static List<String> serverSide(List<String> reports) {
        return reports.stream().filter(ServerLeaks::isServerSide).toList();
    }

    /**
     * A buffer of the server's HTTP path or of our code. Buffers the tests' own HTTP clients decoded
     * ({@code HttpClientCodec}) are left out: tests cancel responses mid-way on purpose and leave them to the
     * collector. So are the driver's messages to PostgreSQL, unless the server's HTTP path held them too:
     * r2dbc-postgresql can lose a bind parameter's buffer when a statement is cancelled (docs/reliability.md, Known
     * issues), which we cannot fix here, and such a buffer is often encoded on a stack that runs through our code.
     */
    static boolean isServerSide(String records) {
        if (records.contains("HttpClientCodec")) {
            return false;
        }
        if (records.contains("HttpServerCodec")) {
            return true;
        }
        return records.contains("\tdev.postflux.") && !records.contains("io.r2dbc.postgresql.message.frontend");
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {

        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTS.add(resourceType + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTS.add(resourceType + " (no records: leak detection below advanced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}

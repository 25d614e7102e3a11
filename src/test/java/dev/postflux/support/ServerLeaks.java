package dev.postflux.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Every buffer leak Netty's detector (paranoid in the test JVM) reports, kept so that a test can fail on it instead
 * of leaving it as a log line nobody reads. Installed as the detectors' factory when the test JVM's launcher
 * session opens, before any test can load Netty's buffers (whose detector is created once, with the class).
 */
public class ServerLeaks implements LauncherSessionListener {

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();

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
     * last call. Netty reports a leak only when it tracks a new buffer after the collector has queued the old
     * one, hence the collection and the allocations. A leak whose queueing the collector finishes after this
     * returns is reported on the next call (by the next test class).
     */
    public static List<String> takeServerSide() {
        System.gc();
        for (var allocator : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
            ByteBuf probe = allocator.directBuffer(1);
            probe.release();
        }
        List<String> serverSide = new ArrayList<>();
        for (String report; (report = REPORTS.poll()) != null; ) {
            if (isServerSide(report)) {
                serverSide.add(report);
            }
        }
        return serverSide;
    }

    /**
     * A buffer of the server's HTTP path or of our code. Buffers the tests' own HTTP clients decoded
     * ({@code HttpClientCodec}) are left out: tests cancel responses mid-way on purpose and leave them to the
     * collector. So are the driver's alone: r2dbc-postgresql can lose a bind parameter's buffer when a statement
     * is cancelled (docs/reliability.md, Known issues), which we cannot fix here.
     */
    static boolean isServerSide(String records) {
        return (records.contains("HttpServerCodec") || records.contains("\tdev.postflux."))
                && !records.contains("HttpClientCodec");
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

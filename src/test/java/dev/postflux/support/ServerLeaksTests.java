package dev.postflux.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLeaksTests {

    private static final String HINT = "left unreleased by ServerLeaksTests";

    @Test
    void reportsABufferOfOurCodeThatNobodyReleased() {
        leakOneBuffer();
        List<String> reports = new ArrayList<>();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            reports.addAll(ServerLeaks.takeServerSide());
            return reports.stream().anyMatch(report -> report.contains(HINT));
        });

        assertThat(reports).filteredOn(report -> report.contains(HINT)).hasSize(1);
    }

    @Test
    void findsTheLeakOfABufferDroppedJustBeforeItsCallInThatCall() {
        leakOneBuffer();

        List<String> reports = ServerLeaks.takeServerSide();

        assertThat(reports).filteredOn(report -> report.contains(HINT)).hasSize(1);
    }

    @Test
    void leavesOutBuffersOfTheTestsOwnHttpClients() {
        String clientRecords =
                "\n#1:\n\tio.netty.handler.codec.http.HttpClientCodec$Decoder.decode(HttpClientCodec.java:320)"
                        + "\n\tdev.postflux.support.RawHttp.send(RawHttp.java:10)";
        String serverRecords = "\n#1:\n\tio.netty.handler.codec.http.HttpServerCodec$HttpServerRequestDecoder.decode";

        assertThat(ServerLeaks.isServerSide(clientRecords)).isFalse();
        assertThat(ServerLeaks.isServerSide(serverRecords)).isTrue();
        assertThat(ServerLeaks.isServerSide("\n#1:\n\tio.r2dbc.postgresql.message.frontend.Bind.encode"))
                .isFalse();
    }

    @Test
    void leavesOutTheDriversMessagesEvenWhenEncodedOnAStackThroughOurCode() {
        String bindEncodedInOurSubscription = "\n#1:\n\tio.r2dbc.postgresql.message.frontend.Bind.encode(Bind.java:1)"
                + "\n\tdev.postflux.user.UserHandler.find(UserHandler.java:10)";
        String aMessageTheServersHttpPathHeldToo =
                "\n#1:\n\tio.r2dbc.postgresql.message.frontend.Bind.encode(Bind.java:1)"
                        + "\n\tio.netty.handler.codec.http.HttpServerCodec$HttpServerResponseEncoder.encode";

        assertThat(ServerLeaks.isServerSide(bindEncodedInOurSubscription)).isFalse();
        assertThat(ServerLeaks.isServerSide(aMessageTheServersHttpPathHeldToo)).isTrue();
    }

    /** In a method of its own, so that no local of the test keeps the buffer reachable. */
    private static void leakOneBuffer() {
        PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(42).touch(HINT);
    }
}

package dev.postflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed for the whole test run (blockhound-junit-platform), so a blocking call on an event loop
 * or a parallel scheduler fails whichever test triggers it. This proves the guard is really on.
 */
class BlockHoundTests {

    @Test
    void failsABlockingCallOnANonBlockingThread() {
        var blocking = Mono.fromRunnable(
                        () -> LockSupport.parkNanos(Duration.ofMillis(1).toNanos()))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(blocking)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BlockingOperationError.class))
                .verify(Duration.ofSeconds(5));
    }
}

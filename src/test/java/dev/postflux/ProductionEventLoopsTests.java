package dev.postflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.netty.ReactorNetty;
import reactor.netty.resources.LoopResources;

/** The test JVM runs the server on the event loops production has (see {@link ProductionEventLoops}). */
class ProductionEventLoopsTests {

    @Test
    void everyLoopGroupHasHalfTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo(String.valueOf(Math.max(1, cores / 2)));
        assertThat(LoopResources.DEFAULT_IO_WORKER_COUNT).isEqualTo(Math.max(1, cores / 2));
    }
}

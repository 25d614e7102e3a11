package dev.postflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code main} tells Netty's leak detector before Netty reads it (the test JVM's own detector is paranoid). */
class LeakDetectionSamplingTests {

    private final String before = System.getProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY);
        } else {
            System.setProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY, before);
        }
    }

    @Test
    void samplesOneBufferInAThousandByDefault() {
        System.clearProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY);

        PostFluxApplication.sampledLeakDetection();

        assertThat(System.getProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY))
                .isEqualTo("1024");
    }

    @Test
    void anOperatorsSettingWins() {
        System.setProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY, "1");

        PostFluxApplication.sampledLeakDetection();

        assertThat(System.getProperty(PostFluxApplication.LEAK_SAMPLING_PROPERTY))
                .isEqualTo("1");
    }
}

package dev.postflux.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty reported a buffer of the server's side leaked ({@link ServerLeaks}). On
 * every class (registered for all, in META-INF/services), since a leak surfaces only when the collector finds the
 * buffer, which may be during a later class: the report's access records say where the buffer went.
 */
public class NoServerLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        assertThat(ServerLeaks.takeServerSide())
                .as("buffers of the server's side that nobody released (Netty's leak reports, with their records)")
                .isEmpty();
    }
}

package dev.postflux;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Sizes Reactor Netty's event loops in the test JVM as {@link PostFluxApplication#main} does in production, before
 * any test can load Reactor Netty (which reads the setting once). Tests start the server through Spring, not through
 * {@code main}; without this they would run with Reactor Netty's default of at least four loops per group, and the
 * reliability tests would not be testing the loops the server really has.
 */
public class ProductionEventLoops implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        PostFluxApplication.oneEventLoopThreadPerCore();
    }
}

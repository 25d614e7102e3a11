package dev.postflux;

import dev.postflux.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import reactor.netty.ReactorNetty;

/**
 * Entry point: the API server, or with a command name as first argument one of the jar's {@link Commands}.
 *
 * <p>Boot's r2dbc-proxy auto-configuration is excluded: it wraps every connection, statement, result and row of the
 * pool in JDK dynamic proxies to time each query, which was more than a third of the CPU time of
 * {@code GET /users/{id}} (docs/benchmarks.md). The SQL log ({@code database.SqlLog}) still proxies the pool's
 * connections, but only while it is switched on.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcProxyAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.observation.R2dbcObservationAutoConfiguration"
        })
@ConfigurationPropertiesScan
public class PostFluxApplication {

    public static void main(String[] args) {
        var commandExit = Commands.runIfCommand(args);
        if (commandExit.isPresent()) {
            System.exit(commandExit.getAsInt());
        }
        sampledLeakDetection();
        oneEventLoopThreadPerCore();
        SpringApplication.run(PostFluxApplication.class, args);
    }

    /**
     * Netty's leak detector stays on, but looks at one buffer in {@value #LEAK_SAMPLING_INTERVAL} instead of one in
     * 128. Each buffer it looks at costs a stack trace, and a request's stack is deep (the reactive chain): at 128
     * that was about 2% of the CPU of {@code GET /users/{id}}, and 0.5% at 1024 (docs/benchmarks.md). A leak on a path that requests
     * take is still reported within seconds under load (a request allocates about ten buffers); the tests track
     * every buffer ({@code paranoid}). {@code -Dio.netty.leakDetection.samplingInterval=N} still decides when given.
     * Set before Netty's detector class is first loaded, which reads it once.
     */
    static void sampledLeakDetection() {
        if (System.getProperty(LEAK_SAMPLING_PROPERTY) == null) {
            System.setProperty(LEAK_SAMPLING_PROPERTY, String.valueOf(LEAK_SAMPLING_INTERVAL));
        }
    }

    static final String LEAK_SAMPLING_PROPERTY = "io.netty.leakDetection.samplingInterval";
    static final int LEAK_SAMPLING_INTERVAL = 1024;

    /**
     * One event-loop thread per core in all. Reactor Netty's {@code ioWorkerCount} sizes two loop groups, the HTTP
     * server's and the database connections', and every request runs on one loop of each; so each group gets half
     * the cores. Reactor Netty's default (at least four per group: eight threads on two cores) handed each request
     * back and forth through wake-ups and context switches; one per core per group (four on two cores) was about
     * half again as fast; half the cores per group (one each on two cores) is another 12-13% on GET /users/{id} and
     * POST /users (docs/benchmarks.md). {@code -Dreactor.netty.ioWorkerCount=N} still decides when given.
     */
    static void oneEventLoopThreadPerCore() {
        if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.setProperty(ReactorNetty.IO_WORKER_COUNT, String.valueOf(Math.max(1, cores / 2)));
        }
    }
}

package dev.postflux;

import dev.postflux.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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

    private static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        var commandExit = Commands.runIfCommand(args);
        if (commandExit.isPresent()) {
            System.exit(commandExit.getAsInt());
        }
        oneEventLoopPerCore();
        SpringApplication.run(PostFluxApplication.class, args);
    }

    /**
     * Reactor Netty's default is at least four event loops for the HTTP server and four more for the database
     * connections, whatever the cores. On two cores those eight threads handed each request back and forth through
     * wake-ups and context switches: one loop per core served GET /users/{id} about half again as fast
     * (docs/benchmarks.md). {@code -Dreactor.netty.ioWorkerCount=N} still decides when given.
     */
    static void oneEventLoopPerCore() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(
                    IO_WORKER_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }
}

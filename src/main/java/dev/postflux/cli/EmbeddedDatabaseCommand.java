package dev.postflux.cli;

import dev.postflux.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code embedded-db}: runs the embedded PostgreSQL on its own until the process is stopped, for tools that need
 * a database outside the server (psql, pgbench, the benchmark, a second server instance).
 */
final class EmbeddedDatabaseCommand implements Command {

    @Override
    public String name() {
        return "embedded-db";
    }

    @Override
    public String summary() {
        return "run the embedded PostgreSQL alone (--port=5433 --data-directory=.postflux/pgdata)";
    }

    @Override
    public int run(String[] arguments) throws InterruptedException {
        int port = Integer.parseInt(option(arguments, "port", "5433"));
        Path directory = Path.of(option(arguments, "data-directory", ".postflux/pgdata"));
        var database = EmbeddedDatabase.start(directory, port);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            database.close();
                            stopped.countDown();
                        },
                        "embedded-db-stop"));
        var url = database.url();
        System.out.println("DATABASE_URL=postgres://" + url.username() + "@" + url.host() + ":" + url.port() + "/"
                + url.database());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String option(String[] arguments, String name, String fallback) {
        for (String argument : arguments) {
            if (argument.startsWith("--" + name + "=")) {
                return argument.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}

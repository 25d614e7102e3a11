package dev.postflux.cli;

/** A command of the packaged jar ({@code java -jar postflux.jar <command>}), run instead of the server. */
interface Command {

    String name();

    String summary();

    /** @return the process exit code */
    int run(String[] arguments) throws Exception;
}

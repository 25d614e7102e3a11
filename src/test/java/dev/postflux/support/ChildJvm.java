package dev.postflux.support;

import java.util.ArrayList;
import java.util.List;

/** The start of a command that runs another JVM, the same Java as the tests', on the tests' class path. */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * The tests' own {@code java}, with native access enabled: Netty loads its epoll transport through
     * {@code System.loadLibrary}, for which Java 24 and later (JEP 472) print four WARNING lines on stderr, which is
     * the server's log here. The packaged jar enables it in its manifest; a JVM started with {@code -cp} needs the
     * option, which Java 17 accepts too.
     */
    public static List<String> java() {
        return List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED");
    }

    /** {@link #java()} with the tests' class path and {@code mainClass}. */
    public static List<String> running(Class<?> mainClass) {
        return running(System.getProperty("java.class.path"), mainClass);
    }

    /** {@link #java()} with {@code classpath} and {@code mainClass}. */
    public static List<String> running(String classpath, Class<?> mainClass) {
        var command = new ArrayList<>(java());
        command.addAll(List.of("-cp", classpath, mainClass.getName()));
        return command;
    }
}

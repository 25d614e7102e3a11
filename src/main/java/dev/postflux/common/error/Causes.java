package dev.postflux.common.error;

import java.util.function.Predicate;

/** Looks through an exception's cause chain: drivers, Reactor and Netty wrap the fault that decides the answer. */
public final class Causes {

    private Causes() {}

    /** The first of {@code error} and its causes that is a {@code type}, or null. */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Whether {@code error} or one of its causes matches. */
    public static boolean any(Throwable error, Predicate<Throwable> test) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}

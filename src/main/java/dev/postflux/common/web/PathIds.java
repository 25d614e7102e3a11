package dev.postflux.common.web;

import dev.postflux.common.error.Problems;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Reads numeric ids from the path: a non-number is the client's mistake (400), not a missing resource. */
public final class PathIds {

    private PathIds() {}

    public static long id(ServerRequest request) {
        return positive(request, "id");
    }

    public static long positive(ServerRequest request, String variable) {
        long id = CanonicalNumbers.positiveLong(request.pathVariable(variable));
        if (id > 0) {
            return id;
        }
        throw Problems.invalid(variable, "must be a positive integer");
    }
}

package dev.postflux.common.web;

import dev.postflux.common.error.FieldError;
import dev.postflux.common.error.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The query string of a request, checked: a parameter the route does not know, one given twice, or one without a
 * value ({@code ?tag}) is a 400 rather than silently ignored, so that typos such as {@code ?limt=5} are caught.
 */
public final class QueryParameters {

    private final MultiValueMap<String, String> values;

    private QueryParameters(MultiValueMap<String, String> values) {
        this.values = values;
    }

    public static QueryParameters of(ServerRequest request, Set<String> allowed) {
        var values = request.queryParams();
        List<FieldError> errors = new ArrayList<>();
        values.forEach((name, given) -> {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(
                        name,
                        "is not a known query parameter (known: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            } else if (given.size() > 1) {
                errors.add(new FieldError(name, "must be given at most once"));
            } else if (given.get(0) == null) {
                // "?tag" without "=": read as absent, it would list everything instead of filtering.
                errors.add(new FieldError(name, "must have a value (" + name + "=...)"));
            }
        });
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new QueryParameters(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.getFirst(name));
    }

    /** An integer within {@code [min, max]}, or empty when absent. */
    public Optional<Integer> integer(String name, int min, int max) {
        return get(name).map(text -> {
            try {
                int value = CanonicalNumbers.integer(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            throw Problems.invalid(name, "must be an integer from " + min + " to " + max);
        });
    }

    /** One of a closed set of values, e.g. {@code role=member}. */
    public <T> Optional<T> oneOf(String name, Map<String, T> choices) {
        return get(name).map(text -> {
            T value = choices.get(text);
            if (value == null) {
                throw Problems.invalid(
                        name,
                        "must be one of "
                                + String.join(
                                        ", ", choices.keySet().stream().sorted().toList()));
            }
            return value;
        });
    }

    /** A comma-separated list such as {@code fields=id,name}; empty items are an error. */
    public Optional<List<String>> list(String name) {
        return get(name).map(text -> {
            List<String> items =
                    Arrays.stream(text.split(",", -1)).map(String::strip).toList();
            if (items.stream().anyMatch(String::isEmpty)) {
                throw Problems.invalid(name, "must be a comma-separated list without empty items");
            }
            return items;
        });
    }

    public Optional<Cursor> cursor(String name) {
        return get(name).map(text -> {
            try {
                return Cursor.decode(text);
            } catch (IllegalArgumentException e) {
                throw Problems.invalid(name, e.getMessage());
            }
        });
    }
}

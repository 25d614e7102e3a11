package dev.postflux.common.web;

import dev.postflux.common.error.Problems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which attributes a response carries: {@code fields=a,b} picks them, {@code include=posts} adds a relation.
 * Names come from a closed vocabulary; anything else is a 400, so no client text ever reaches SQL.
 *
 * @param names the attributes (and relations) to load and return
 * @param explicit whether the client chose them with {@code fields}, i.e. the response must be trimmed
 */
public record FieldSelection(Set<String> names, boolean explicit) {

    public FieldSelection {
        names = Set.copyOf(names);
    }

    /**
     * @param attributes the resource's own attributes
     * @param relations what {@code include} may name
     * @param defaultRelations relations loaded when the client names none
     */
    public static FieldSelection from(
            QueryParameters query, List<String> attributes, List<String> relations, List<String> defaultRelations) {
        Set<String> names = new LinkedHashSet<>();
        var fields = query.list("fields");
        fields.ifPresent(requested -> {
            for (String name : requested) {
                if (!attributes.contains(name) && !relations.contains(name)) {
                    throw Problems.invalid(
                            "fields", "may only name " + String.join(", ", union(attributes, relations)));
                }
            }
            names.addAll(requested);
        });
        if (fields.isEmpty()) {
            names.addAll(attributes);
            names.addAll(defaultRelations);
        }
        query.list("include").ifPresent(included -> {
            for (String name : included) {
                if (!relations.contains(name)) {
                    throw Problems.invalid(
                            "include",
                            relations.isEmpty()
                                    ? "is not supported here"
                                    : "may only name " + String.join(", ", relations));
                }
            }
            names.addAll(included);
        });
        return new FieldSelection(names, fields.isPresent());
    }

    public static FieldSelection all(List<String> attributes, List<String> relations) {
        return new FieldSelection(Set.copyOf(union(attributes, relations)), false);
    }

    public boolean includes(String name) {
        return names.contains(name);
    }

    private static List<String> union(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}

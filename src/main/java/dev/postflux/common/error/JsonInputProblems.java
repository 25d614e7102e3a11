package dev.postflux.common.error;

import dev.postflux.common.web.WellFormedTextDeserializer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what was wrong with a JSON body in the client's terms (field path and plain words), never in the parser's
 * (class names, source locations).
 */
final class JsonInputProblems {

    /** Fields the server owns: a client that sends them is told so rather than "unknown field". */
    private static final Set<String> READ_ONLY =
            Set.of("id", "createdAt", "updatedAt", "version", "authorId", "author");

    private JsonInputProblems() {}

    static org.springframework.web.ErrorResponseException from(JacksonException error) {
        if (error instanceof StreamConstraintsException) {
            return Problems.badRequest(
                    "The JSON document exceeds a parser limit (nesting depth 32, string length 200000)");
        }
        if (error instanceof StreamReadException) {
            return Problems.badRequest("Malformed JSON: " + firstLine(error.getOriginalMessage()));
        }
        return Problems.invalid(List.of(new FieldError(path(error), message(error))));
    }

    private static String message(JacksonException error) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return READ_ONLY.contains(unknown.getPropertyName())
                    ? "is read-only"
                    : "is not a known field (known: " + known(unknown.getKnownPropertyIds()) + ")";
        }
        if (error instanceof InvalidNullException) {
            return "must not be null";
        }
        if (error instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + enumValues(format.getTargetType());
        }
        if (error instanceof InvalidFormatException format
                && format.getValue() instanceof String text
                && WellFormedTextDeserializer.hasUnpairedSurrogate(text)) {
            // The one check of a string's form the parser makes for us (common/web/WellFormedTextDeserializer).
            return "must be well-formed Unicode text (it has an unpaired surrogate)";
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (error instanceof ValueInstantiationException && error.getCause() != null) {
            return firstLine(error.getCause().getMessage());
        }
        return "is invalid";
    }

    private static String path(JacksonException error) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String enumValues(Class<?> type) {
        return String.join(
                ", ",
                java.util.Arrays.stream(type.getEnumConstants())
                        .map(Object::toString)
                        .toList());
    }

    private static String known(Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).sorted().toList());
    }

    private static String firstLine(String message) {
        return message == null
                ? "unreadable input"
                : message.lines().findFirst().orElse(message);
    }
}

package dev.postflux.common.web;

import dev.postflux.common.error.FieldError;
import dev.postflux.common.error.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Reads a JSON body into an input record and validates it, reporting every invalid field at once. Input records
 * hold only what a client may set, so unknown and server-owned fields fail at parse time.
 */
@Component
public class RequestBodies implements SmartInitializingSingleton {

    private final Validator validator;

    RequestBodies(Validator validator) {
        this.validator = validator;
    }

    /**
     * Hibernate Validator reads its message bundle from a jar the first time a constraint fails: blocking I/O that
     * must happen here, at start-up, and not on the event loop of the first invalid request.
     */
    @Override
    public void afterSingletonsInstantiated() {
        validator.validate(new WarmUp(null));
    }

    /** {@code tags[1].<list element>} is how Hibernate names a list item; clients wrote {@code tags[1]}. */
    private static String fieldName(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
    }

    private record WarmUp(@NotNull String value) {}

    private static final MediaType JSON_SUFFIXED = MediaType.parseMediaType("application/*+json");

    public <T> Mono<T> read(ServerRequest request, Class<T> type) {
        // A Content-Type that is not a media type at all ("x", "application/json;charset=x") fails when the body
        // is read; it is a 415 like any type we do not read, not a server fault (found by the input fuzz test).
        return Mono.defer(() -> {
                    requireJson(request);
                    return request.bodyToMono(type);
                })
                .onErrorMap(
                        InvalidMediaTypeException.class,
                        malformed -> new UnsupportedMediaTypeStatusException(
                                "The Content-Type header is not a valid media type"))
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("A JSON request body is required")))
                .doOnNext(this::validate);
    }

    /**
     * JSON is {@code application/json} or a {@code +json} type (RFC 6839). Jackson's decoder also takes
     * {@code application/x-ndjson}, a stream of documents, which a request body here never is.
     */
    private static void requireJson(ServerRequest request) {
        MediaType sent = request.headers().contentType().orElse(null);
        if (sent != null && !MediaType.APPLICATION_JSON.isCompatibleWith(sent) && !JSON_SUFFIXED.includes(sent)) {
            throw new UnsupportedMediaTypeStatusException(sent, List.of(MediaType.APPLICATION_JSON, JSON_SUFFIXED));
        }
    }

    public void validate(Object input) {
        Set<ConstraintViolation<Object>> violations = validator.validate(input);
        List<String> nulls = input instanceof ExplicitNulls explicit ? explicit.fieldsSetToNull() : List.of();
        if (!violations.isEmpty() || !nulls.isEmpty()) {
            throw Problems.invalid(java.util.stream.Stream.concat(
                            nulls.stream().map(field -> new FieldError(field, "must not be null")),
                            violations.stream().map(v -> new FieldError(fieldName(v), v.getMessage())))
                    .toList());
        }
    }
}

package dev.postflux.common.web;

import dev.postflux.common.error.FieldError;
import dev.postflux.common.error.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a JSON body into an input record and validates it, reporting every invalid field at once. Input records
 * hold only what a client may set, so unknown and server-owned fields fail at parse time.
 */
@Component
public class RequestBodies {

    private final Validator validator;

    RequestBodies(Validator validator) {
        this.validator = validator;
    }

    public <T> Mono<T> read(ServerRequest request, Class<T> type) {
        return request.bodyToMono(type)
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("A JSON request body is required")))
                .doOnNext(this::validate);
    }

    public void validate(Object input) {
        Set<ConstraintViolation<Object>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw Problems.invalid(violations.stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .toList());
        }
    }
}

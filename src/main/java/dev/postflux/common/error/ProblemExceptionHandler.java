package dev.postflux.common.error;

import dev.postflux.common.observability.RequestIdMdc;
import dev.postflux.common.web.ClientConnection;
import dev.postflux.common.web.RequestIds;
import dev.postflux.common.web.RouteMethods;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place that writes errors: every failure, from our handlers, the framework or the database, leaves as
 * {@code application/problem+json} (RFC 9457) carrying the request id. Runs before Spring Boot's own handler.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ServerResponse.Context context;
    private final RouteMethods routeMethods;
    private final RefusedBodies refusedBodies;

    ProblemExceptionHandler(
            ServerCodecConfigurer codecs,
            RouteMethods routeMethods,
            @Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize largestBody) {
        this.routeMethods = routeMethods;
        this.refusedBodies = new RefusedBodies(largestBody.toBytes());
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return codecs.getWriters();
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            // The status line is gone; all we can do is let the connection fail. A client that went away (a stream
            // it stopped reading) is no error of ours: passed on, Spring logged it at ERROR with a stack trace. Only
            // its own connection counts: a closed database channel mid-stream must still cut the response short
            // (an NDJSON body without its last chunk tells the client it is incomplete).
            boolean clientGone =
                    Causes.find(error, ClosedChannelException.class) != null && ClientConnection.isGone(exchange);
            return clientGone ? Mono.empty() : Mono.error(error);
        }
        if (isUnmatchedRoute(error)) {
            return routeMethods
                    .allowed(exchange)
                    .flatMap(allowed -> allowed.isEmpty()
                            ? write(exchange, noRoute(exchange))
                            : answerOtherMethods(exchange, allowed));
        }
        return write(exchange, error);
    }

    private final ThrottledLog unavailableLog = new ThrottledLog(java.time.Duration.ofSeconds(1));

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error.getClass().getSimpleName() + " <- " + root;
    }

    private Mono<Void> write(ServerWebExchange exchange, Throwable error) {
        String requestId = RequestIds.of(exchange);
        ErrorResponse problem = ProblemTranslator.translate(error);
        if (problem == null) {
            RequestIdMdc.with(
                    requestId,
                    () -> log.error(
                            "Request {} {} failed [requestId={}]",
                            exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(),
                            requestId,
                            error));
            problem = serverError();
        } else if (problem.getStatusCode().is5xxServerError()) {
            // Unavailable, not broken: one line with the cause, no stack trace, at most one a second, so that an
            // outage is explained in the log without drowning it (the access log has every request).
            int status = problem.getStatusCode().value();
            unavailableLog.log(suppressed -> RequestIdMdc.with(
                    requestId,
                    () -> log.warn(
                            "Request {} {} answered {} [requestId={}]: {}{}",
                            exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(),
                            status,
                            requestId,
                            rootCause(error),
                            suppressed > 0
                                    ? " (" + suppressed + " similar answers not logged in the last second)"
                                    : "")));
        }
        ProblemDetail body = copy(problem.getBody());
        body.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        body.setProperty("requestId", requestId);
        HttpHeaders headers = problem.getHeaders();
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_TYPE);

        return refusedBodies
                .drain(exchange)
                .then(ServerResponse.status(problem.getStatusCode())
                        .headers(h -> h.addAll(headers))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .bodyValue(body))
                .flatMap(response -> response.writeTo(exchange, context));
    }

    /** The framework's "no handler" 404, as opposed to a 404 our handlers raised for a missing resource. */
    private static boolean isUnmatchedRoute(Throwable error) {
        return error instanceof NoResourceFoundException
                || error instanceof ResponseStatusException status
                        && status.getClass() == ResponseStatusException.class
                        && status.getStatusCode() == HttpStatus.NOT_FOUND;
    }

    /** The path exists for other methods: OPTIONS lists them, anything else is a 405 with {@code Allow}. */
    private Mono<Void> answerOtherMethods(ServerWebExchange exchange, Set<HttpMethod> allowed) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method.equals(HttpMethod.OPTIONS)) {
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            exchange.getResponse().getHeaders().setAllow(allowed);
            return exchange.getResponse().setComplete();
        }
        return write(exchange, new MethodNotAllowedException(method, allowed));
    }

    private static ResponseStatusException noRoute(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        return new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No route for " + request.getMethod() + " " + request.getPath());
    }

    private static ErrorResponse serverError() {
        var status = HttpStatus.INTERNAL_SERVER_ERROR;
        return new org.springframework.web.ErrorResponseException(
                status,
                ProblemDetail.forStatusAndDetail(
                        status, "The server failed to handle this request; report the requestId if it persists"),
                null);
    }

    /** Framework problems are shared objects; decorate a copy, never the original. */
    private static ProblemDetail copy(ProblemDetail original) {
        var copy = ProblemDetail.forStatus(original.getStatus());
        copy.setType(original.getType());
        copy.setTitle(original.getTitle());
        copy.setDetail(original.getDetail());
        if (original.getProperties() != null) {
            original.getProperties().forEach(copy::setProperty);
        }
        return copy;
    }
}

package dev.postflux.common.observability;

import dev.postflux.common.web.RequestIds;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * One access line per request, written when the exchange ends: after the error handler has set the final status,
 * and for a stream when it completes or the client goes away. It hooks the same observation that times
 * {@code http.server.requests}, so the line and the metric agree on route, status and duration.
 */
@Component
class AccessLog implements ObservationHandler<ServerRequestObservationContext> {

    private static final Logger log = LoggerFactory.getLogger("postflux.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(STARTED, System.nanoTime());
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        if (!log.isInfoEnabled()) {
            return;
        }
        Long started = context.get(STARTED);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        String method = context.getCarrier().getMethod().name();
        String route = context.getPathPattern() != null ? context.getPathPattern() : "UNMATCHED";
        int status = status(context);
        // A client that goes away mid-response (a closed stream, typically) leaves the status we had set.
        String cancelled = context.isConnectionAborted() ? " cancelled by the client" : "";
        // The line is written where the exchange ends, outside the request's Reactor context: set its id here.
        RequestIdMdc.with(
                requestId(context),
                () -> log.atInfo()
                        // Field names of the Elastic Common Schema (and OpenTelemetry's http.route).
                        .addKeyValue("http.request.method", method)
                        .addKeyValue("http.route", route)
                        .addKeyValue("http.response.status_code", status)
                        .addKeyValue("event.duration", nanos)
                        .log(
                                "{} {} {} {} ms{} ({})",
                                method,
                                route,
                                status,
                                nanos / 1_000_000,
                                cancelled,
                                path(context)));
    }

    private static int status(ServerRequestObservationContext context) {
        HttpStatusCode status =
                context.getResponse() != null ? context.getResponse().getStatusCode() : null;
        return status != null ? status.value() : 200;
    }

    private static String requestId(ServerRequestObservationContext context) {
        return context.getResponse() != null
                ? context.getResponse().getHeaders().getFirst(RequestIds.HEADER)
                : null;
    }

    private static String path(ServerRequestObservationContext context) {
        return context.getCarrier().getPath().value();
    }
}

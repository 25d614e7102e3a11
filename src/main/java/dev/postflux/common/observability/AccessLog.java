package dev.postflux.common.observability;

import dev.postflux.common.web.RequestIds;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
        long millis = started == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        var request = context.getCarrier();
        var response = context.getResponse();
        String route = context.getPathPattern() != null ? context.getPathPattern() : "UNMATCHED";
        HttpStatusCode status = response != null ? response.getStatusCode() : null;
        int code = status != null ? status.value() : 200;
        // A client that goes away mid-response (a closed stream, typically) leaves the status we had set.
        boolean cancelled = context.isConnectionAborted();
        String requestId = response != null ? response.getHeaders().getFirst(RequestIds.HEADER) : null;
        // The line is written where the exchange ends, outside the request's Reactor context: set its id here.
        try (var ignored = MDC.putCloseable(RequestIdMdc.KEY, requestId)) {
            log.atInfo()
                    .addKeyValue("http.method", request.getMethod().name())
                    .addKeyValue("http.route", route)
                    .addKeyValue("http.status", code)
                    .addKeyValue("duration.ms", millis)
                    .addKeyValue("http.cancelled", cancelled)
                    .log(
                            "{} {} {} {} ms{} ({})",
                            request.getMethod().name(),
                            route,
                            code,
                            millis,
                            cancelled ? " cancelled by the client" : "",
                            request.getPath().value());
        }
    }
}

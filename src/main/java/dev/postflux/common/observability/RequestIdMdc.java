package dev.postflux.common.observability;

import dev.postflux.common.web.RequestIds;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the request id from the Reactor context (where {@code RequestIdFilter} puts it) into the MDC of whatever
 * thread runs the request's next step, so every log line of a request names it, even one written on a database
 * thread. Registered through {@code META-INF/services}; Reactor applies it because
 * {@code spring.reactor.context-propagation=auto}.
 */
public final class RequestIdMdc implements ThreadLocalAccessor<String> {

    /** The MDC key, and so the field name in structured logs. */
    public static final String KEY = "requestId";

    @Override
    public Object key() {
        return RequestIds.HEADER;
    }

    @Override
    public String getValue() {
        return MDC.get(KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(KEY);
    }
}

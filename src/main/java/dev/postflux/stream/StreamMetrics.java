package dev.postflux.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Open list streams against their limit, scraped as {@code postflux_streams_open} and {@code _max}. */
@Component
class StreamMetrics implements MeterBinder {

    private final StreamLimiter limiter;
    private final StreamingProperties properties;

    StreamMetrics(StreamLimiter limiter, StreamingProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("postflux.streams.open", limiter, StreamLimiter::openStreams)
                .description("List streams (SSE or NDJSON) being written now")
                .register(registry);
        Gauge.builder("postflux.streams.max", properties, StreamingProperties::maxConcurrentStreams)
                .description("Most list streams open at once; beyond it a 503")
                .register(registry);
    }
}

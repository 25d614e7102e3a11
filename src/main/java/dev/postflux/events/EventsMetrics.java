package dev.postflux.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Subscribers of {@code GET /events} on this instance, scraped as {@code postflux_events_subscribers}. */
@Component
class EventsMetrics implements MeterBinder {

    private final ChangeHub hub;

    EventsMetrics(ChangeHub hub) {
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("postflux.events.subscribers", hub, ChangeHub::subscribers)
                .description("Live change subscriptions open now")
                .register(registry);
    }
}

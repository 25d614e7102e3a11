package dev.postflux.events;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The live change events route. */
@Configuration(value = "eventsRoutesConfiguration", proxyBeanMethods = false)
class EventsRoutes {

    @Bean
    @EventsApi
    RouterFunction<ServerResponse> eventsRoutes(EventsHandler events) {
        return route().GET("/events", events::subscribe).build();
    }
}

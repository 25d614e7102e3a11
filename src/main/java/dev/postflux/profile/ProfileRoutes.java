package dev.postflux.profile;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.postflux.common.web.StaleConnectionRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The profile routes (hasOne, under its user). */
@Configuration(value = "profileRoutesConfiguration", proxyBeanMethods = false)
class ProfileRoutes {

    @Bean
    @ProfileApi
    RouterFunction<ServerResponse> profileRoutes(ProfileHandler profiles) {
        return route().GET("/users/{id}/profile", profiles::get)
                .PUT("/users/{id}/profile", profiles::put)
                .DELETE("/users/{id}/profile", profiles::delete)
                .build()
                .filter(StaleConnectionRetry.READS);
    }
}

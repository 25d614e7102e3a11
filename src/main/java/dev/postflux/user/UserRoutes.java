package dev.postflux.user;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.postflux.common.web.StaleConnectionRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The user routes, one per line, full paths. A user's posts and profile are routed by their own features. */
@Configuration(value = "userRoutesConfiguration", proxyBeanMethods = false)
class UserRoutes {

    @Bean
    @UserApi
    RouterFunction<ServerResponse> userRoutes(UserHandler users) {
        return route().GET("/users", users::list)
                .POST("/users", users::create)
                .GET("/users/{id}", users::get)
                .PATCH("/users/{id}", users::update)
                .DELETE("/users/{id}", users::delete)
                .build()
                .filter(StaleConnectionRetry.READS);
    }
}

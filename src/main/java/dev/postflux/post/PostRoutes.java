package dev.postflux.post;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.postflux.common.web.StaleConnectionRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The post routes, one per line, full paths. */
@Configuration(value = "postRoutesConfiguration", proxyBeanMethods = false)
class PostRoutes {

    @Bean
    @PostApi
    RouterFunction<ServerResponse> postRoutes(PostHandler posts) {
        return route().GET("/posts", posts::list)
                .GET("/posts/{id}", posts::get)
                .PATCH("/posts/{id}", posts::update)
                .DELETE("/posts/{id}", posts::delete)
                .GET("/users/{id}/posts", posts::listByAuthor)
                .POST("/users/{id}/posts", posts::create)
                .build()
                .filter(StaleConnectionRetry.READS);
    }
}

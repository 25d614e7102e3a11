package dev.postflux.security;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** The {@link Actor} of a request, from the authentication Spring Security put on the exchange. */
public final class Actors {

    static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private Actors() {}

    /** The request's actor; {@link Actor#ANONYMOUS} without a token. */
    public static Mono<Actor> of(ServerRequest request) {
        return request.principal()
                .ofType(JwtAuthenticationToken.class)
                .map(Actors::from)
                .defaultIfEmpty(Actor.ANONYMOUS);
    }

    static Actor from(JwtAuthenticationToken authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
        return new Actor(Long.parseLong(authentication.getName()), admin);
    }
}

package dev.postflux.profile;

import dev.postflux.common.web.Negotiation;
import dev.postflux.common.web.PathIds;
import dev.postflux.common.web.Preconditions;
import dev.postflux.common.web.Preconditions.IfMatch;
import dev.postflux.common.web.QueryParameters;
import dev.postflux.common.web.RequestBodies;
import dev.postflux.profile.ProfileRepository.TaggedProfile;
import dev.postflux.security.Actors;
import java.net.URI;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** HTTP for a user's profile. */
@Component
class ProfileHandler {

    private final ProfileService profiles;
    private final RequestBodies bodies;

    ProfileHandler(ProfileService profiles, RequestBodies bodies) {
        this.profiles = profiles;
        this.bodies = bodies;
    }

    Mono<ServerResponse> put(ServerRequest request) {
        Negotiation.json(request);
        long userId = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        IfMatch condition = Preconditions.ifMatch(request);
        boolean createOnly = Preconditions.ifNoneMatchAny(request);
        return Actors.of(request)
                .flatMap(actor -> bodies.read(request, PutProfileRequest.class)
                        .flatMap(profile -> profiles.put(actor, userId, profile, condition, createOnly)))
                .flatMap(stored -> stored.created()
                        ? tagged(ServerResponse.created(URI.create("/users/" + userId + "/profile")), stored.profile())
                        : ok(stored.profile()));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        Negotiation.json(request);
        long userId = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        return profiles.find(userId).flatMap(ProfileHandler::ok);
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        long userId = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        IfMatch condition = Preconditions.ifMatch(request);
        return Actors.of(request)
                .flatMap(actor -> profiles.delete(actor, userId, condition))
                .then(ServerResponse.noContent().build());
    }

    /** The profile with its entity tag: {@code If-None-Match} with that tag gets a 304 (Spring checks it). */
    private static Mono<ServerResponse> ok(TaggedProfile profile) {
        return tagged(ServerResponse.ok(), profile);
    }

    private static Mono<ServerResponse> tagged(ServerResponse.BodyBuilder response, TaggedProfile profile) {
        return response.eTag("\"" + profile.tag() + "\"").bodyValue(ProfileResponse.from(profile.profile()));
    }
}

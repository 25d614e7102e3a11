package dev.postflux.user;

import dev.postflux.common.web.FieldSelection;
import dev.postflux.common.web.Negotiation;
import dev.postflux.common.web.PageLinks;
import dev.postflux.common.web.PageRequest;
import dev.postflux.common.web.PathIds;
import dev.postflux.common.web.Preconditions;
import dev.postflux.common.web.QueryParameters;
import dev.postflux.common.web.RequestBodies;
import dev.postflux.common.web.ResponseShaper;
import dev.postflux.security.Actors;
import dev.postflux.stream.ListFormat;
import dev.postflux.stream.StreamRequest;
import dev.postflux.stream.StreamResponses;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** HTTP for users: parses ids, query and body, and maps results to responses. Rules live in {@link UserService}. */
@Component
class UserHandler {

    private static final Set<String> LIST_PARAMETERS = Set.of("role", "limit", "after", "fields", "include");
    private static final Set<String> DETAIL_PARAMETERS = Set.of("fields", "include");

    private final UserService users;
    private final RequestBodies bodies;
    private final ResponseShaper shaper;
    private final StreamResponses streams;

    UserHandler(UserService users, RequestBodies bodies, ResponseShaper shaper, StreamResponses streams) {
        this.users = users;
        this.bodies = bodies;
        this.shaper = shaper;
        this.streams = streams;
    }

    /** A JSON page, or with {@code Accept: text/event-stream} / {@code application/x-ndjson} every matching user. */
    Mono<ServerResponse> list(ServerRequest request) {
        var format = ListFormat.of(request);
        var query = QueryParameters.of(request, LIST_PARAMETERS);
        Role role = query.oneOf("role", Role.BY_VALUE).orElse(null);
        var selection = FieldSelection.from(query, UserColumns.ATTRIBUTES, UserColumns.RELATIONS, List.of());
        if (format.isStream()) {
            var stream = users.stream(role, StreamRequest.from(request, query), selection);
            return streams.write(request, format, "user", stream, user -> shaper.shape(user, selection));
        }
        return users.list(role, PageRequest.from(query), selection)
                .flatMap(result -> PageLinks.ok(request, result.next())
                        .bodyValue(result.items().stream()
                                .map(user -> shaper.shape(user, selection))
                                .toList()));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        Negotiation.json(request);
        long id = PathIds.id(request);
        var selection = FieldSelection.from(
                QueryParameters.of(request, DETAIL_PARAMETERS),
                UserColumns.ATTRIBUTES,
                UserColumns.RELATIONS,
                UserColumns.RELATIONS);
        return users.find(id, selection).flatMap(user -> ok(user).bodyValue(shaper.shape(user, selection)));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        Negotiation.json(request);
        QueryParameters.of(request, Set.of());
        return Actors.of(request)
                .flatMap(actor ->
                        bodies.read(request, CreateUserRequest.class).flatMap(body -> users.create(actor, body)))
                .flatMap(user -> ServerResponse.created(URI.create("/users/" + user.id()))
                        .eTag(Preconditions.etag(user.version(), user.relationsFingerprint()))
                        .bodyValue(user));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        Negotiation.json(request);
        long id = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        List<Integer> requiredVersions = Preconditions.requiredVersions(request);
        return Actors.of(request)
                .flatMap(actor -> bodies.read(request, UpdateUserRequest.class)
                        .flatMap(change -> users.update(actor, id, change, requiredVersions)))
                .flatMap(user -> ok(user).bodyValue(user));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        long id = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        List<Integer> requiredVersions = Preconditions.requiredVersions(request);
        return Actors.of(request)
                .flatMap(actor -> users.delete(actor, id, requiredVersions))
                .then(ServerResponse.noContent().build());
    }

    private static ServerResponse.BodyBuilder ok(UserResponse user) {
        var response = ServerResponse.ok();
        if (user.version() != null) {
            response.eTag(Preconditions.etag(user.version(), user.relationsFingerprint()));
        }
        return response;
    }
}

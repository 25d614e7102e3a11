package dev.postflux.post;

import dev.postflux.common.error.Problems;
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
import dev.postflux.tag.TagNames;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** HTTP for posts: parses ids, query and body, and maps results to responses. Rules live in {@link PostService}. */
@Component
class PostHandler {

    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "after", "fields", "include", "tag");
    private static final Set<String> AUTHOR_LIST_PARAMETERS = Set.of("limit", "after", "fields", "include");
    private static final Set<String> DETAIL_PARAMETERS = Set.of("fields", "include");

    private final PostService posts;
    private final RequestBodies bodies;
    private final ResponseShaper shaper;
    private final StreamResponses streams;

    PostHandler(PostService posts, RequestBodies bodies, ResponseShaper shaper, StreamResponses streams) {
        this.posts = posts;
        this.bodies = bodies;
        this.shaper = shaper;
        this.streams = streams;
    }

    /** A JSON page, or with {@code Accept: text/event-stream} / {@code application/x-ndjson} every matching post. */
    Mono<ServerResponse> list(ServerRequest request) {
        var format = ListFormat.of(request);
        var query = QueryParameters.of(request, LIST_PARAMETERS);
        String tag = query.get("tag").map(PostHandler::tagFilter).orElse(null);
        return list(request, format, query, new PostFilter(null, tag));
    }

    /** The posts of one user; 404 (decided before any streaming) when there is no such user. */
    Mono<ServerResponse> listByAuthor(ServerRequest request) {
        long authorId = PathIds.id(request);
        var format = ListFormat.of(request);
        var query = QueryParameters.of(request, AUTHOR_LIST_PARAMETERS);
        return posts.requireAuthor(authorId).then(list(request, format, query, new PostFilter(authorId, null)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        Negotiation.json(request);
        long id = PathIds.id(request);
        var selection = FieldSelection.from(
                QueryParameters.of(request, DETAIL_PARAMETERS),
                PostColumns.ATTRIBUTES,
                PostColumns.RELATIONS,
                PostColumns.RELATIONS);
        return posts.find(id, selection).flatMap(post -> ok(post).bodyValue(shaper.shape(post, selection)));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        Negotiation.json(request);
        long authorId = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        return Actors.of(request)
                .flatMap(actor -> bodies.read(request, CreatePostRequest.class)
                        .flatMap(body -> posts.create(actor, authorId, body)))
                .flatMap(post -> ServerResponse.created(URI.create("/posts/" + post.id()))
                        .eTag(Preconditions.etag(post.version()))
                        .bodyValue(post));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        Negotiation.json(request);
        long id = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        List<Integer> requiredVersions = Preconditions.requiredVersions(request);
        return Actors.of(request)
                .flatMap(actor -> bodies.read(request, UpdatePostRequest.class)
                        .flatMap(change -> posts.update(actor, id, change, requiredVersions)))
                .flatMap(post -> ok(post).bodyValue(post));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        long id = PathIds.id(request);
        QueryParameters.of(request, Set.of());
        List<Integer> requiredVersions = Preconditions.requiredVersions(request);
        return Actors.of(request)
                .flatMap(actor -> posts.delete(actor, id, requiredVersions))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> list(
            ServerRequest request, ListFormat format, QueryParameters query, PostFilter filter) {
        var selection = FieldSelection.from(query, PostColumns.ATTRIBUTES, PostColumns.RELATIONS, List.of());
        if (format.isStream()) {
            var stream = posts.stream(filter, StreamRequest.from(request, query), selection);
            return streams.write(request, format, "post", stream, post -> shaper.shape(post, selection));
        }
        return posts.list(filter, PageRequest.from(query), selection)
                .flatMap(result -> PageLinks.ok(request, result.next())
                        .bodyValue(result.items().stream()
                                .map(post -> shaper.shape(post, selection))
                                .toList()));
    }

    private static String tagFilter(String text) {
        String tag = TagNames.normalizeOne(text);
        if (tag == null) {
            throw Problems.invalid("tag", "must be 1-50 letters, digits or '-'");
        }
        return tag;
    }

    private static ServerResponse.BodyBuilder ok(PostResponse post) {
        var response = ServerResponse.ok();
        if (post.version() != null) {
            response.eTag(Preconditions.etag(post.version(), post.relationsFingerprint()));
        }
        return response;
    }
}

package dev.postflux.post;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.db.Writes;
import dev.postflux.common.error.Problems;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.common.web.Page;
import dev.postflux.common.web.PageRequest;
import dev.postflux.common.web.Preconditions;
import dev.postflux.security.Actor;
import dev.postflux.stream.KeysetStreams;
import dev.postflux.stream.PageRows;
import dev.postflux.stream.StreamRequest;
import dev.postflux.tag.TagService;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Posts and their tags: the rules, the transactions, and the one API other features use. */
@Service
public class PostService {

    /** What a single post shows by default: everything, with its author. */
    static final FieldSelection DETAIL = FieldSelection.all(PostColumns.ATTRIBUTES, PostColumns.RELATIONS);

    /** A post's own attributes and tags, without its author. */
    static final FieldSelection SUMMARY = FieldSelection.all(PostColumns.ATTRIBUTES, List.of());

    private final PostRepository posts;
    private final TagService tags;
    private final TransactionalOperator transaction;
    private final KeysetStreams streams;

    PostService(PostRepository posts, TagService tags, TransactionalOperator transaction, KeysetStreams streams) {
        this.posts = posts;
        this.tags = tags;
        this.transaction = transaction;
        this.streams = streams;
    }

    /**
     * Creates a post of {@code authorId} and links its tags in one transaction, if {@code actor} is that author or an
     * admin (403 otherwise); 404 when the author does not exist.
     */
    public Mono<PostResponse> create(Actor actor, long authorId, CreatePostRequest request) {
        return posts.insert(authorId, request, actor)
                .switchIfEmpty(Mono.defer(() -> posts.authorExists(authorId)
                        .flatMap(exists -> Mono.error(
                                exists
                                        ? Problems.forbidden(
                                                "Only user " + authorId + " or an admin may post as user " + authorId)
                                        : Problems.notFound("user", authorId)))))
                .flatMap(post -> withTags(post, request))
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> Constraints.violated(e, "posts_author_id_fkey") ? Problems.notFound("user", authorId) : e)
                .as(write -> Writes.inTransaction(write, transaction));
    }

    /**
     * For callers that already run a transaction and decided that the author may post: a user created with its
     * posts. The posts' tags are created and linked when that transaction commits, all at once and in sorted order,
     * so that two such transactions needing the same new tags cannot deadlock (TagService#attachAtCommit).
     */
    public Mono<PostResponse> createWithinTransaction(long authorId, CreatePostRequest request) {
        return posts.insert(authorId, request, Actor.member(authorId))
                .flatMap(post -> tags.attachAtCommit(post.id(), request.tagNames())
                        .map(names -> PostResponse.from(withTags(post, names))));
    }

    private Mono<PostResponse> withTags(Post post, CreatePostRequest request) {
        return tags.attach(post.id(), request.tagNames())
                .map(names -> withTags(post, names))
                .map(PostResponse::from);
    }

    /** The post with its tags, without its author, or empty when it no longer exists (for events). */
    public Mono<PostResponse> findSummary(long id) {
        return posts.findById(id, SUMMARY).map(PostResponse::from);
    }

    public Mono<PostResponse> find(long id, FieldSelection selection) {
        return posts.findById(id, selection).map(PostResponse::from).switchIfEmpty(notFound(id));
    }

    /** A page of posts. For one author's posts, check the author first: see {@link #requireAuthor}. */
    public Mono<Page<PostResponse>> list(PostFilter filter, PageRequest page, FieldSelection selection) {
        return Page.of(posts.page(filter, page.after(), page.limit() + 1, selection), page.limit(), Post::cursor)
                .map(result -> result.map(PostResponse::from));
    }

    /** Every matching post, page after page as the client reads. Check the author first: see {@link #requireAuthor}. */
    public Flux<PostResponse> stream(PostFilter filter, StreamRequest request, FieldSelection selection) {
        return streams.stream(
                request.after(),
                request.limit(),
                query -> PageRows.upTo(
                        query.textBudget(),
                        posts.page(filter, query.after(), query.rows(), selection)
                                .map(PostResponse::from),
                        PostResponse::textLength),
                PostResponse::cursor);
    }

    /** 404 unless the user exists: decided before a stream of its posts starts, while a status can still be sent. */
    public Mono<Void> requireAuthor(long authorId) {
        return posts.authorExists(authorId)
                .flatMap(exists -> exists ? Mono.<Void>empty() : Mono.error(Problems.notFound("user", authorId)));
    }

    /**
     * The newest posts of the first of several authors whose posts come to about {@code textBudget} characters
     * (the first author's at least), with one query for them all (no N+1), cancelled at the first post of an
     * author beyond the budget: a stream's page of users with their posts holds no more than that, however large
     * the posts are.
     */
    public Mono<PostsOfAuthors> recentByAuthorsUpTo(long textBudget, List<Long> authorIds, int perAuthor) {
        if (authorIds.isEmpty()) {
            return Mono.just(new PostsOfAuthors(Map.of(), 0));
        }
        return Mono.defer(() -> {
            var budget = new AuthorsWithinBudget(textBudget, authorIds);
            return posts.recentByAuthors(authorIds.toArray(Long[]::new), perAuthor)
                    .map(PostResponse::from)
                    .takeWhile(budget::takes)
                    .collect(Collectors.groupingBy(PostResponse::authorId, Collectors.toList()))
                    .map(byAuthor -> new PostsOfAuthors(byAuthor, budget.covered()));
        });
    }

    /**
     * Changes the post, if {@code actor} is its author or an admin; tags are replaced only then. When
     * {@code requiredVersions} is not null, the post must be at one of them ({@link Preconditions#requiredVersions}).
     */
    public Mono<PostResponse> update(Actor actor, long id, UpdatePostRequest change, List<Integer> requiredVersions) {
        if (change.isEmpty()) {
            return Mono.error(Problems.badRequest("Set at least one of title, body, tags"));
        }
        Mono<Void> retag = change.tagNames() == null
                ? Mono.empty()
                : tags.replace(id, change.tagNames()).then();
        return posts.update(id, change, requiredVersions, actor)
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, id, requiredVersions)))
                .flatMap(updated -> retag.then(find(id, DETAIL)))
                .as(write -> Writes.inTransaction(write, transaction));
    }

    /** Deletes the post, if {@code actor} is its author or an admin. */
    public Mono<Void> delete(Actor actor, long id, List<Integer> requiredVersions) {
        return Writes.oneStatement(posts.delete(id, requiredVersions, actor))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, id, requiredVersions)))
                .then();
    }

    /**
     * A guarded write matched no row: the post is gone (404), is not the actor's (403; posts are public, so this
     * tells nothing new), or its version moved on (412). Nothing was written in any case.
     */
    private <T> Mono<T> whyNotWritten(Actor actor, long id, List<Integer> requiredVersions) {
        return posts.currentVersion(id)
                .flatMap(current -> Mono.<T>error(
                        actor.mayActAs(current.authorId())
                                ? Preconditions.failed("Post", id, current.version(), requiredVersions)
                                : Problems.forbidden("Post " + id + " is not yours to change")))
                .switchIfEmpty(notFound(id));
    }

    private static <T> Mono<T> notFound(long id) {
        return Mono.error(() -> Problems.notFound("post", id));
    }

    private static Post withTags(Post post, List<String> names) {
        return new Post(
                post.id(),
                post.authorId(),
                post.title(),
                post.body(),
                post.version(),
                post.createdAt(),
                post.updatedAt(),
                names,
                post.author());
    }
}

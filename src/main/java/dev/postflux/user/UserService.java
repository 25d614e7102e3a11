package dev.postflux.user;

import dev.postflux.common.db.Constraints;
import dev.postflux.common.db.Writes;
import dev.postflux.common.error.Problems;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.common.web.Page;
import dev.postflux.common.web.PageRequest;
import dev.postflux.common.web.Preconditions;
import dev.postflux.post.PostResponse;
import dev.postflux.post.PostService;
import dev.postflux.post.PostsOfAuthors;
import dev.postflux.security.Actor;
import dev.postflux.stream.KeysetStreams;
import dev.postflux.stream.PageRows;
import dev.postflux.stream.StreamRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Users, with their profile and posts: the rules, the transactions, and the feature's one public API. */
@Service
public class UserService {

    /** How many of a user's posts its representation embeds; the rest are at /users/{id}/posts. */
    public static final int EMBEDDED_POSTS = 20;

    /** What a single user shows by default: everything, with profile and newest posts. */
    static final FieldSelection DETAIL = FieldSelection.all(UserColumns.ATTRIBUTES, UserColumns.RELATIONS);

    /** A user's own attributes, without relations. */
    static final FieldSelection SUMMARY = FieldSelection.all(UserColumns.ATTRIBUTES, List.of());

    private static final String UNIQUE_EMAIL = "users_email_lower_idx";

    private final UserRepository users;
    private final PostService posts;
    private final TransactionalOperator transaction;
    private final KeysetStreams streams;

    UserService(UserRepository users, PostService posts, TransactionalOperator transaction, KeysetStreams streams) {
        this.users = users;
        this.posts = posts;
        this.transaction = transaction;
        this.streams = streams;
    }

    /**
     * Writes the user and all its posts in one transaction: if any part fails, nothing is written. A user without
     * posts is a single INSERT, atomic on its own: one round trip instead of three.
     */
    public Mono<UserResponse> create(Actor actor, CreateUserRequest request) {
        if (request.role() == Role.ADMIN && !actor.admin()) {
            return Mono.error(Problems.forbidden("Only an admin may create an admin"));
        }
        Mono<UserResponse> create = users.insert(request)
                .flatMap(user -> Flux.fromIterable(request.posts())
                        .concatMap(post -> posts.createWithinTransaction(user.id(), post))
                        .collectList()
                        .map(created -> UserResponse.from(user, DETAIL, newestFirst(created))))
                .onErrorMap(DataIntegrityViolationException.class, UserService::emailTaken);
        return request.posts().isEmpty() ? Writes.oneStatement(create) : Writes.inTransaction(create, transaction);
    }

    /** The user with its newest posts, read by one statement (a LATERAL join: one round trip, one connection). */
    public Mono<UserResponse> find(long id, FieldSelection selection) {
        Mono<UserResponse> found = selection.includes("posts")
                ? users.findWithRecentPosts(id, selection, EMBEDDED_POSTS)
                        .collectList()
                        .filter(rows -> !rows.isEmpty())
                        .map(rows -> UserResponse.from(rows.get(0).user(), selection, posts(rows)))
                : users.findById(id, selection).map(user -> UserResponse.from(user, selection, List.of()));
        return found.switchIfEmpty(Mono.error(() -> Problems.notFound("user", id)));
    }

    private static List<PostResponse> posts(List<UserRepository.UserWithPost> rows) {
        return rows.stream()
                .map(UserRepository.UserWithPost::post)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The user without relations, or empty when it no longer exists (events use it to show the current state). */
    public Mono<UserResponse> findSummary(long id) {
        return users.findById(id, SUMMARY).map(user -> UserResponse.from(user, SUMMARY, List.of()));
    }

    /** A page of users; with {@code include=posts}, every user's posts come from one more query, not one each. */
    public Mono<Page<UserResponse>> list(Role role, PageRequest page, FieldSelection selection) {
        return Page.of(users.page(role, page.after(), page.limit() + 1, selection), page.limit(), User::cursor)
                .flatMap(result -> withPosts(Long.MAX_VALUE, result.items(), selection)
                        .map(read -> new Page<>(read.rows(), result.next())));
    }

    /** Every matching user, page after page as the client reads; posts are batched per page as in {@link #list}. */
    public Flux<UserResponse> stream(Role role, StreamRequest request, FieldSelection selection) {
        return streams.stream(
                request.after(),
                request.limit(),
                // A page stops at its text budget, but the database sends the rest of the page's posts anyway (the
                // driver drops them), so a page of users with their posts asks for no more posts than a page of
                // posts: page-size / 20 users (docs/streaming.md).
                selection.includes("posts") ? EMBEDDED_POSTS : 1,
                query -> users.page(role, query.after(), query.rows(), selection)
                        .collectList()
                        .flatMap(page -> withPosts(query.textBudget(), page, selection)),
                UserResponse::cursor);
    }

    /**
     * Changes the user, if {@code actor} is that user or an admin; only an admin may change a role (a member may
     * send its unchanged role back, as clients that PATCH what they read do). When
     * {@code requiredVersions} is not null, the user must be at one of them ({@link Preconditions#requiredVersions}).
     */
    public Mono<UserResponse> update(Actor actor, long id, UpdateUserRequest change, List<Integer> requiredVersions) {
        if (change.isEmpty()) {
            return Mono.error(Problems.badRequest("Set at least one of name, email, role"));
        }
        return users.update(id, change, requiredVersions, actor)
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, id, requiredVersions, change.role())))
                .flatMap(updated -> find(id, DETAIL))
                .onErrorMap(DataIntegrityViolationException.class, UserService::emailTaken)
                .as(write -> Writes.inTransaction(write, transaction));
    }

    /** Deletes the user, with its posts and profile, if {@code actor} is that user or an admin. */
    public Mono<Void> delete(Actor actor, long id, List<Integer> requiredVersions) {
        return Writes.oneStatement(users.delete(id, requiredVersions, actor))
                .switchIfEmpty(Mono.defer(() -> whyNotWritten(actor, id, requiredVersions, null)))
                .then();
    }

    /**
     * The page's users with their posts when the selection includes them: as many users, from the first, as
     * {@code textBudget} characters of posts allow (the first at least), so that a stream's page of users whose
     * posts are large holds a bounded number of bytes. The users' own columns are small: they are not counted.
     */
    private Mono<PageRows<UserResponse>> withPosts(long textBudget, List<User> page, FieldSelection selection) {
        Mono<PostsOfAuthors> embedded = selection.includes("posts")
                ? posts.recentByAuthorsUpTo(
                        textBudget, page.stream().map(User::id).toList(), EMBEDDED_POSTS)
                : Mono.just(new PostsOfAuthors(Map.of(), page.size()));
        return embedded.map(read -> new PageRows<>(
                page.subList(0, read.authorsCovered()).stream()
                        .map(user -> UserResponse.from(
                                user, selection, read.byAuthor().getOrDefault(user.id(), List.of())))
                        .toList(),
                read.authorsCovered() < page.size()));
    }

    /**
     * A guarded write matched no row: the user is gone (404), is not the actor's (403; users are public, so this
     * tells nothing new), its version moved on (412), or a non-admin named a role the user does not have (403).
     * Nothing was written in any case. {@code requestedRole} is the role the write named, null if none.
     */
    private <T> Mono<T> whyNotWritten(Actor actor, long id, List<Integer> requiredVersions, Role requestedRole) {
        return users.guarded(id)
                .flatMap(user -> Mono.<T>error(whyNotWritten(actor, id, requiredVersions, requestedRole, user)))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("user", id)));
    }

    private static RuntimeException whyNotWritten(
            Actor actor, long id, List<Integer> requiredVersions, Role requestedRole, UserRepository.Guarded user) {
        if (!actor.mayActAs(id)) {
            return Problems.forbidden("User " + id + " is not yours to change");
        }
        // Before the version: a fresh version would not make this write allowed.
        if (requestedRole != null && requestedRole != user.role() && !actor.admin()) {
            return Problems.forbidden("Only an admin may change a role");
        }
        // Its version is not one If-Match names, or it changed between the write and this look.
        return Preconditions.failed("User", id, user.version(), requiredVersions);
    }

    private static Throwable emailTaken(DataIntegrityViolationException error) {
        return Constraints.violated(error, UNIQUE_EMAIL)
                ? Problems.conflict("A user with this email already exists")
                : error;
    }

    /** Posts created in one request share a timestamp; the later id is the newer post, as GET shows them. */
    private static List<PostResponse> newestFirst(List<PostResponse> created) {
        var reversed = new java.util.ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}

package dev.postflux.events;

import dev.postflux.post.PostService;
import dev.postflux.user.UserService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a notification (ids only) into the event subscribers get: the resource as the API shows it, read once per
 * instance however many subscribers there are. When the resource is gone by then (its delete event follows), or
 * cannot be read, the event still goes out, with the ids alone.
 */
@Component
class ChangeEnricher {

    private static final Logger log = LoggerFactory.getLogger(ChangeEnricher.class);

    private final UserService users;
    private final PostService posts;

    ChangeEnricher(UserService users, PostService posts) {
        this.users = users;
        this.posts = posts;
    }

    Mono<ChangeEvent> enrich(ChangeNotification notification) {
        if (notification.isDelete()) {
            return Mono.just(event(notification, idsOf(notification)));
        }
        Mono<?> current = notification.isAboutUser()
                ? users.findSummary(notification.id())
                : posts.findSummary(notification.id());
        return current.<ChangeEvent>map(resource -> event(notification, resource))
                // Deleted since (its delete event follows): the change was still committed, and every instance's
                // subscribers get it, with the ids it had. Skipping it made instances disagree on what happened,
                // depending on how far each lagged behind the delete.
                .switchIfEmpty(Mono.fromSupplier(() -> event(notification, idsOf(notification))))
                .onErrorResume(error -> {
                    log.warn(
                            "Could not read {} {} for its event; sending ids only: {}",
                            notification.type(),
                            notification.id(),
                            error.toString());
                    return Mono.just(event(notification, idsOf(notification)));
                });
    }

    private static ChangeEvent event(ChangeNotification notification, Object data) {
        return new ChangeEvent(notification.type(), notification.userId(), data);
    }

    private static Map<String, Object> idsOf(ChangeNotification notification) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("id", notification.id());
        if (notification.authorId() != null) {
            ids.put("authorId", notification.authorId());
        }
        if (notification.version() != null) {
            ids.put("version", notification.version());
        }
        return ids;
    }
}

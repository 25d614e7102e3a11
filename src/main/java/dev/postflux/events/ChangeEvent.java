package dev.postflux.events;

import java.util.Map;
import java.util.Set;

/**
 * One event as subscribers receive it: {@code user.created}, {@code post.deleted}, ... with the resource's JSON
 * (its id and author for deletes), or a control event: {@code resync} (events may have been missed while the
 * listener reconnected), {@code overflow} and {@code shutdown} (the subscription ends).
 */
record ChangeEvent(String type, Long userId, Object data) {

    static final String RESYNC = "resync";
    static final String OVERFLOW = "overflow";
    static final String SHUTDOWN = "shutdown";
    static final Set<String> RESOURCE_TYPES =
            Set.of("user.created", "user.updated", "user.deleted", "post.created", "post.updated", "post.deleted");

    static ChangeEvent resync() {
        return control(RESYNC, "The event listener reconnected; changes may have been missed, re-read what you show");
    }

    /** For a client that reconnected: what changed while it was away is not replayed. */
    static ChangeEvent resubscribed() {
        return control(
                RESYNC, "You reconnected; changes made while you were away are not replayed, re-read what you show");
    }

    static ChangeEvent overflow() {
        return control(OVERFLOW, "This subscriber fell too far behind and was disconnected; resubscribe and re-read");
    }

    static ChangeEvent shutdown() {
        return control(SHUTDOWN, "The server is shutting down; resubscribe to another instance");
    }

    private static ChangeEvent control(String type, String detail) {
        return new ChangeEvent(type, null, Map.of("detail", detail));
    }

    /** Overflow and shutdown are the last event a subscriber gets. */
    boolean endsSubscription() {
        return type.equals(OVERFLOW) || type.equals(SHUTDOWN);
    }

    boolean isControl() {
        return !RESOURCE_TYPES.contains(type);
    }

    /** Control events reach everyone; resource events pass the subscriber's filters. */
    boolean matches(Set<String> types, Long userId) {
        if (isControl()) {
            return true;
        }
        return (types.isEmpty() || types.contains(type)) && (userId == null || userId.equals(this.userId));
    }
}

package dev.postflux.events;

/** The payload the database triggers of V5__create_change_notifications.sql send: ids only. */
record ChangeNotification(String type, long id, Long authorId, Integer version) {

    boolean isDelete() {
        return type.endsWith(".deleted");
    }

    boolean isAboutUser() {
        return type.startsWith("user.");
    }

    /** The user an event concerns: the user itself, or the post's author. */
    Long userId() {
        return isAboutUser() ? Long.valueOf(id) : authorId;
    }
}

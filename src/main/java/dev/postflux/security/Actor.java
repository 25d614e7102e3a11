package dev.postflux.security;

/**
 * Who makes a request: the user id and role its bearer token carries, or {@link #ANONYMOUS}. Services take it as an
 * argument and put it into the ownership conditions of their SQL.
 */
public record Actor(Long userId, boolean admin) {

    public static final Actor ANONYMOUS = new Actor(null, false);

    public static Actor admin(long userId) {
        return new Actor(userId, true);
    }

    public static Actor member(long userId) {
        return new Actor(userId, false);
    }

    /** Whether this actor may change what belongs to user {@code ownerId}: itself, or anything as an admin. */
    public boolean mayActAs(long ownerId) {
        return admin || userId != null && userId == ownerId;
    }

    @Override
    public String toString() {
        return userId == null ? "anonymous" : (admin ? "admin " : "member ") + userId;
    }
}

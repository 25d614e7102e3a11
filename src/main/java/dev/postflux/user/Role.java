package dev.postflux.user;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a user may do; stored and shown in lower case, as the {@code users.role} CHECK constraint requires. */
public enum Role {
    ADMIN("admin"),
    MEMBER("member");

    static final Map<String, Role> BY_VALUE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Role::value, Function.identity()));

    private final String value;

    Role(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    static Role of(String value) {
        return value == null ? null : BY_VALUE.get(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

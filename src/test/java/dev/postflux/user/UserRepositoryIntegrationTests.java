package dev.postflux.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.common.web.Cursor;
import dev.postflux.common.web.FieldSelection;
import dev.postflux.security.Actor;
import dev.postflux.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

class UserRepositoryIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00.000Z");
    private static final FieldSelection ALL = FieldSelection.all(UserColumns.ATTRIBUTES, List.of());

    @Autowired
    UserRepository users;

    @Test
    void pagesAfterACursorInKeysetOrder() {
        long a = sql.insertUser("A", "a@example.com", "member", T0);
        long b = sql.insertUser("B", "b@example.com", "admin", T0.plusSeconds(1));
        long c = sql.insertUser("C", "c@example.com", "member", T0.plusSeconds(2));

        users.page(null, new Cursor(T0.plusSeconds(2), c), 10, ALL)
                .map(User::id)
                .as(StepVerifier::create)
                .expectNext(b, a)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        users.page(Role.MEMBER, null, 10, ALL)
                .map(User::id)
                .as(StepVerifier::create)
                .expectNext(c, a)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void readsOnlySelectedColumnsAndLeavesTheRestNull() {
        long a = sql.insertUser("A", "a@example.com", "member", T0);

        users.findById(a, new FieldSelection(java.util.Set.of("name"), true))
                .as(StepVerifier::create)
                .assertNext(user -> {
                    assertThat(user.name()).isEqualTo("A");
                    assertThat(user.email()).isNull();
                    assertThat(user.role()).isNull();
                    assertThat(user.createdAt()).as("kept for cursors").isEqualTo(T0);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void updatesOnlyAtOneOfTheExpectedVersions() {
        long a = sql.insertUser("A", "a@example.com", "member", T0);
        var change = new tools.jackson.databind.ObjectMapper().readValue("{\"name\":\"B\"}", UpdateUserRequest.class);

        users.update(a, change, List.of(2, 3), Actor.admin(a))
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        users.update(a, change, List.of(1, 3), Actor.admin(a))
                .as(StepVerifier::create)
                .assertNext(user -> assertThat(user.version()).isEqualTo(2))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}

package dev.postflux.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/** The problems our code answers with are cheap to raise: refusing a flood must cost less than serving it. */
class ProblemsTests {

    @Test
    void raisesProblemsWithoutFillingInAStackTrace() {
        List<ErrorResponseException> problems = List.of(
                Problems.notFound("user", 1),
                Problems.badRequest("bad"),
                Problems.tooManyRequests("slow down", Duration.ofSeconds(1)),
                Problems.unavailable("busy", Duration.ofSeconds(1)),
                Problems.invalid("name", "must not be blank"));

        assertThat(problems)
                .allSatisfy(problem -> assertThat(problem.getStackTrace()).isEmpty());
    }
}

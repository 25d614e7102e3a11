package dev.postflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.AllStrings;
import org.junit.jupiter.api.Test;

class MalformedRequestTargetTests {

    @Test
    void decidesAsJavaNetUriDoesForEveryShortTarget() {
        // Escapes (well-formed, short, not hexadecimal), characters URI refuses (space, bracket, backslash),
        // characters it accepts in some places only (a non-ASCII letter) and plain ones.
        for (String tail : AllStrings.over("%aG ]\\é?=/", 5)) {
            String target = "/users" + tail;
            assertThat(MalformedRequestTarget.isUri(target))
                    .as("%s", target)
                    .isEqualTo(MalformedRequestTarget.parses(target));
        }
    }

    @Test
    void refusesMalformedEscapesAndAcceptsOrdinaryTargets() {
        assertThat(MalformedRequestTarget.isUri("/users?limit=%zz")).isFalse();
        assertThat(MalformedRequestTarget.isUri("/users?name=%4")).isFalse();
        assertThat(MalformedRequestTarget.isUri("/users/1 2")).isFalse();
        assertThat(MalformedRequestTarget.isUri("/users?role=member&limit=20&after=MTc5NTU1MTYzNTgyNzAwMC40Mg"))
                .isTrue();
        assertThat(MalformedRequestTarget.isUri("/posts?tag=caf%C3%A9")).isTrue();
    }
}

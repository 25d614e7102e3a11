package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;

class PreconditionsTests {

    @Test
    void setsNoConditionWithoutIfMatchOrWithAStar() {
        assertThat(Preconditions.requiredVersions(MockServerRequest.builder().build()))
                .isNull();
        assertThat(Preconditions.requiredVersions(ifMatch("*"))).isNull();
    }

    @Test
    void acceptsEveryVersionThatAStrongTagNames() {
        assertThat(Preconditions.requiredVersions(ifMatch("\"2\""))).containsExactly(2);
        assertThat(Preconditions.requiredVersions(ifMatch("\"3\", \"1\",\"2\"")))
                .containsExactly(1, 2, 3);
        assertThat(Preconditions.requiredVersions(ifMatch("\"1\"", "\"3\""))).containsExactly(1, 3);
        // A comma may be part of an opaque tag: "a,b" is one tag, not the halves of two.
        assertThat(Preconditions.requiredVersions(ifMatch("\"a,b\", \"4\""))).containsExactly(4);
    }

    @Test
    void readsTheVersionOfATagWithTheFingerprintOfRelations() {
        assertThat(Preconditions.requiredVersions(ifMatch("\"3-9f86d081884c7d65\"", "\"4\"")))
                .containsExactly(3, 4);
        assertThat(Preconditions.etag(3, new Fingerprint().add("x"))).matches("\"3-[0-9a-f]{16}\"");
    }

    @Test
    void namesNoVersionForWeakTagsOrTagsItNeverIssues() {
        for (String header : new String[] {
            "W/\"2\"",
            "\"02\"",
            "\"0\"",
            "\"9999999999\"",
            "\"x\"",
            "2",
            "",
            "W/\"3-9f86d081884c7d65\"",
            "\"3-9F86D081884C7D65\"",
            "\"3-9f86\"",
            "\"3-\""
        }) {
            assertThat(Preconditions.requiredVersions(ifMatch(header)))
                    .as(header)
                    .isEmpty();
        }
    }

    @Test
    void saysWhichVersionsTheFailedConditionNamed() {
        assertThat(detail(List.of(1))).isEqualTo("User 7 is at version 5, not 1");
        assertThat(detail(List.of(1, 3))).isEqualTo("User 7 is at version 5, not 1 or 3");
        assertThat(detail(List.of(1, 3, 4))).isEqualTo("User 7 is at version 5, not 1, 3 or 4");
        assertThat(detail(List.of())).isEqualTo("User 7 is at version 5, which If-Match does not name");
    }

    private static MockServerRequest ifMatch(String... values) {
        var headers = new HttpHeaders();
        headers.addAll(HttpHeaders.IF_MATCH, List.of(values));
        return MockServerRequest.builder().headers(headers).build();
    }

    private static String detail(List<Integer> required) {
        return Preconditions.failed("User", 7, 5, required).getBody().getDetail();
    }
}

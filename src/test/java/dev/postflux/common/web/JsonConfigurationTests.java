package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonConfigurationTests {

    private final JsonConfiguration configuration = new JsonConfiguration();
    private final JsonMapper mapper = configuration
            .jsonMapperBuilder(List.of(configuration.strictInput()))
            .build();

    @Test
    void writesTimestampsInUtcWithMilliseconds() {
        assertThat(mapper.writeValueAsString(Instant.parse("2026-06-14T09:12:00Z")))
                .isEqualTo("\"2026-06-14T09:12:00.000Z\"");
        assertThat(mapper.writeValueAsString(Instant.parse("2026-06-14T09:12:00.123456Z")))
                .isEqualTo("\"2026-06-14T09:12:00.123Z\"");
    }

    @Test
    void refusesDocumentsNestedDeeperThanTheLimit() {
        String deep = "[".repeat(33) + "]".repeat(33);

        assertThatThrownBy(() -> mapper.readValue(deep, JsonNode.class)).isInstanceOf(StreamConstraintsException.class);
        assertThat(mapper.readValue("[".repeat(32) + "]".repeat(32), JsonNode.class))
                .isNotNull();
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> mapper.readValue("{\"a\":1,\"a\":2}", JsonNode.class))
                .isInstanceOf(StreamReadException.class);
    }

    @Test
    void refusesToCoerceNumbersIntoStrings() {
        record Named(String name) {}

        assertThatThrownBy(() -> mapper.readValue("{\"name\": 5}", Named.class))
                .isInstanceOf(tools.jackson.databind.exc.MismatchedInputException.class);
    }

    @Test
    void refusesNumbersForEnumConstants() {
        enum Colour {
            RED,
            GREEN
        }
        record Painted(Colour colour) {}

        assertThatThrownBy(() -> mapper.readValue("{\"colour\": 1}", Painted.class))
                .isInstanceOf(tools.jackson.databind.exc.InvalidFormatException.class);
        assertThat(mapper.readValue("{\"colour\": \"GREEN\"}", Painted.class)).isEqualTo(new Painted(Colour.GREEN));
    }
}

package dev.postflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting in application.yaml is one that something reads. Spring ignores keys nobody binds, so a key left
 * under an old name changes nothing without a word: Spring Boot 4 renamed {@code spring.codec.max-in-memory-size}
 * to {@code spring.http.codecs.max-in-memory-size}, and the server refused bodies over 256 KB while its
 * documentation promised 1 MB (found by a review on 2026-12-07). Keys of libraries are checked against the
 * configuration metadata their jars publish; ours ({@code postflux.*}) against the prefixes of our
 * {@code @ConfigurationProperties}, whose binding fails on a value of the wrong type but not on an unknown key.
 */
class ConfigurationKeysTests {

    private static final List<String> OUR_PREFIXES = List.of(
            "postflux.server.",
            "postflux.database.",
            "postflux.sql-log.",
            "postflux.events.",
            "postflux.streaming.",
            "postflux.security.");

    @Test
    void everyKeyOfApplicationYamlIsKnown() throws IOException {
        Set<String> known = knownKeys();
        assertThat(known).as("configuration metadata on the class path").hasSizeGreaterThan(1000);

        List<String> unknown = applicationYamlKeys().stream()
                .filter(key -> !isKnown(key, known))
                .sorted()
                .toList();

        assertThat(unknown).as("keys of application.yaml that nothing reads").isEmpty();
    }

    @Test
    void aKeyUnderItsOldNameIsCaught() throws IOException {
        Set<String> known = knownKeys();

        assertThat(isKnown("spring.codec.max-in-memory-size", known)).isFalse();
        assertThat(isKnown("spring.http.codecs.max-in-memory-size", known)).isTrue();
        assertThat(isKnown("logging.level.postflux.access", known))
                .as("a map's entry")
                .isTrue();
        assertThat(isKnown("postflux.streaming.page-size", known)).isTrue();
        assertThat(isKnown("postflux.stream.page-size", known)).isFalse();
    }

    private static boolean isKnown(String key, Set<String> known) {
        if (key.startsWith("postflux.")) {
            return OUR_PREFIXES.stream().anyMatch(key::startsWith);
        }
        String name = key.replaceAll("\\[\\d+]$", "");
        // A map-valued property (logging.level, the SLO buckets by meter name) is listed by its own name only.
        for (String candidate = name;
                candidate.contains(".");
                candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (known.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> applicationYamlKeys() throws IOException {
        List<String> keys = new java.util.ArrayList<>();
        for (var source :
                new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))) {
            keys.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames()));
        }
        return keys;
    }

    private static Set<String> knownKeys() throws IOException {
        var mapper = JsonMapper.builder().build();
        Set<String> known = new HashSet<>();
        var resolver = new PathMatchingResourcePatternResolver();
        for (String file :
                List.of("spring-configuration-metadata.json", "additional-spring-configuration-metadata.json")) {
            for (Resource resource : resolver.getResources("classpath*:META-INF/" + file)) {
                JsonNode metadata = mapper.readTree(resource.getInputStream());
                for (String section : List.of("properties", "hints")) {
                    for (JsonNode property : metadata.path(section)) {
                        known.add(property.path("name").asString());
                    }
                }
            }
        }
        return known;
    }
}

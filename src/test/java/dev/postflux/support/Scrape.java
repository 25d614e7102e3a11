package dev.postflux.support;

import java.util.List;
import java.util.Optional;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One scrape of {@code /actuator/prometheus}, as Prometheus would read it. */
public record Scrape(List<String> samples) {

    public static Scrape of(WebTestClient http) {
        // A scrape of a server that has served a whole test run is larger than the client's default 256 KB.
        String body = http.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return new Scrape(body.lines().filter(line -> !line.startsWith("#")).toList());
    }

    /** Whether some sample of this metric (name without labels) exists. */
    public boolean has(String metric) {
        return samples.stream().anyMatch(line -> name(line).equals(metric));
    }

    /** Samples of this metric whose labels contain every given {@code label="value"} fragment. */
    public List<String> matching(String metric, String... labels) {
        return samples.stream()
                .filter(line -> name(line).equals(metric))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .toList();
    }

    /** The value of the first such sample. */
    public Optional<Double> value(String metric, String... labels) {
        return matching(metric, labels).stream()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static String name(String line) {
        int end = line.indexOf('{');
        return end >= 0 ? line.substring(0, end) : line.substring(0, line.indexOf(' '));
    }
}

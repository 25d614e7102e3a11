package dev.postflux.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.NotAcceptableStatusException;

class NegotiationTests {

    private static final List<MediaType> LIST =
            List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON);

    @Test
    void givesTheServersFirstChoiceToAClientWithoutPreferences() {
        assertThat(Negotiation.choose(MockServerRequest.builder().build(), LIST))
                .isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(choose("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(choose("application/json, application/x-ndjson")).isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void givesTheTypeWeighedHighest() {
        assertThat(choose("application/x-ndjson, application/json;q=0.9")).isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(choose("text/*;q=0.2, application/json;q=0.1")).isEqualTo(MediaType.TEXT_EVENT_STREAM);
    }

    @Test
    void weighsEachTypeByTheMostSpecificRangeThatIncludesIt() {
        assertThat(choose("application/*;q=0.9, application/json;q=0.1, application/x-ndjson;q=0.5"))
                .isEqualTo(MediaType.APPLICATION_NDJSON);
        assertThat(choose("*/*;q=0.1, text/*;q=0.5")).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThat(choose("application/json;charset=utf-8;q=0.8, application/json;q=0.1, */*;q=0.5"))
                .isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void neverGivesATypeTheClientRefusesWithAWeightOfZero() {
        assertThat(choose("application/json;q=0, */*")).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThat(choose("application/*;q=0, */*")).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        assertThatThrownBy(() -> choose("text/event-stream;q=0, */*", MediaType.TEXT_EVENT_STREAM))
                .isInstanceOf(NotAcceptableStatusException.class);
        assertThatThrownBy(() -> choose("application/json;q=0, */*", MediaType.APPLICATION_JSON))
                .isInstanceOf(NotAcceptableStatusException.class);
    }

    @Test
    void answers406WhenNothingProducibleIsAccepted() {
        assertThatThrownBy(() -> choose("application/xml, text/html;q=0.9"))
                .isInstanceOf(NotAcceptableStatusException.class);
    }

    @Test
    void answers400ForAMalformedHeader() {
        assertThatThrownBy(() -> choose("application/json;q=", MediaType.APPLICATION_JSON))
                .isInstanceOf(ErrorResponseException.class)
                .extracting(e -> ((ErrorResponseException) e).getStatusCode().value())
                .isEqualTo(400);
    }

    private static MediaType choose(String accept) {
        return Negotiation.choose(request(accept), LIST);
    }

    private static MediaType choose(String accept, MediaType only) {
        return Negotiation.choose(request(accept), List.of(only));
    }

    private static MockServerRequest request(String accept) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return MockServerRequest.builder().headers(headers).build();
    }
}

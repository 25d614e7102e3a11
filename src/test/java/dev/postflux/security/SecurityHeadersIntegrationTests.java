package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postflux.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Security headers on every response, errors included; no server banner; CORS closed by default. */
class SecurityHeadersIntegrationTests extends IntegrationTest {

    @Test
    void marksAuthenticatedResponsesUncacheableAndNotSniffable() {
        long ada = sql.insertUser("Ada", "ada@example.com", "member");

        http.get()
                .uri("/users/{id}", ada)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer")
                .expectBody();
    }

    @Test
    void sendsTheHeadersOnProblemsToo() {
        anonymous
                .patch()
                .uri("/users/1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .expectBody();
    }

    @Test
    void namesNoServerSoftwareOrVersion() {
        anonymous
                .get()
                .uri("/users")
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.SERVER)
                .expectBody();
        anonymous
                .get()
                .uri("/nowhere")
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.SERVER)
                .expectBody();
    }

    @Test
    void sendsNoCorsHeadersWhenNoOriginIsAllowed() {
        anonymous
                .get()
                .uri("/users")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody();
        anonymous
                .options()
                .uri("/users")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)
                .expectBody();
    }
}

package dev.postflux.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * Which browser origins may call the API. Closed by default: with no allowed origin there is no configuration, so
 * no response carries CORS headers and browsers keep other origins out. Bearer tokens, not cookies: no credentials.
 */
final class CorsPolicy {

    private CorsPolicy() {}

    static CorsConfigurationSource source(SecurityProperties.Cors cors) {
        if (cors.allowedOrigins().isEmpty()) {
            return exchange -> null;
        }
        var configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.IF_MATCH,
                HttpHeaders.ACCEPT,
                "Last-Event-ID",
                "X-Request-Id"));
        configuration.setExposedHeaders(List.of(
                HttpHeaders.ETAG,
                HttpHeaders.LOCATION,
                HttpHeaders.LINK,
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE,
                "X-Request-Id"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        return exchange -> configuration;
    }
}

package dev.postflux.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginEmbedderPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.FeaturePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.PermissionsPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

/** Our one-pass writer writes exactly what Spring Security's default writers (and no-referrer) would. */
class SecurityHeadersTests {

    /**
     * What {@code ServerHttpSecurity.headers()} installs by default (its {@code HeaderSpec}'s twelve writers, in its
     * order), with the referrer policy we configured before replacing it.
     */
    private static ServerHttpHeadersWriter springSecurityDefaults() {
        return new CompositeServerHttpHeadersWriter(List.of(
                new CacheControlServerHttpHeadersWriter(),
                new ContentTypeOptionsServerHttpHeadersWriter(),
                new StrictTransportSecurityServerHttpHeadersWriter(),
                new XFrameOptionsServerHttpHeadersWriter(),
                new XXssProtectionServerHttpHeadersWriter(),
                new FeaturePolicyServerHttpHeadersWriter(),
                new PermissionsPolicyServerHttpHeadersWriter(),
                new ContentSecurityPolicyServerHttpHeadersWriter(),
                noReferrer(),
                new CrossOriginOpenerPolicyServerHttpHeadersWriter(),
                new CrossOriginEmbedderPolicyServerHttpHeadersWriter(),
                new CrossOriginResourcePolicyServerHttpHeadersWriter()));
    }

    private static ServerHttpHeadersWriter noReferrer() {
        var writer = new ReferrerPolicyServerHttpHeadersWriter();
        writer.setPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER);
        return writer;
    }

    @ParameterizedTest(name = "{0} {1}, already set: {2}")
    @CsvSource({
        "http, 200, ''",
        "https, 200, ''",
        "http, 304, ''",
        "https, 304, ''",
        "http, 404, ''",
        "http, 200, Cache-Control=no-store",
        "http, 200, Expires=Wed 21 Oct 2026 07:28:00 GMT",
        "https, 200, Strict-Transport-Security=max-age=60",
        "http, 200, X-Frame-Options=SAMEORIGIN",
        "http, 200, Referrer-Policy=origin",
        "http, 200, X-Content-Type-Options=nosniff",
        "http, 200, pragma=no-cache",
        "http, 200, x-xss-protection=1; mode=block",
        "HTTPS, 200, ''",
        "https, 304, strict-transport-security=max-age=60",
    })
    void writesWhatSpringSecuritysDefaultsWrite(String scheme, int status, String preset) {
        Map<String, List<String>> ours = written(new SecurityHeaders(), scheme, status, preset);
        Map<String, List<String>> springs = written(springSecurityDefaults(), scheme, status, preset);

        assertThat(ours).isEqualTo(springs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http", "https"})
    void aPlainResponseGetsEveryHeader(String scheme) {
        Map<String, List<String>> headers = written(new SecurityHeaders(), scheme, 200, "");

        assertThat(headers)
                .containsEntry("Cache-Control", List.of(SecurityHeaders.NO_CACHE))
                .containsEntry("Pragma", List.of("no-cache"))
                .containsEntry("Expires", List.of("0"))
                .containsEntry("X-Content-Type-Options", List.of("nosniff"))
                .containsEntry("X-Frame-Options", List.of("DENY"))
                .containsEntry("X-XSS-Protection", List.of("0"))
                .containsEntry("Referrer-Policy", List.of("no-referrer"));
        if (scheme.equals("https")) {
            assertThat(headers).containsEntry("Strict-Transport-Security", List.of(SecurityHeaders.HSTS));
        } else {
            assertThat(headers).doesNotContainKey("Strict-Transport-Security");
        }
    }

    private static Map<String, List<String>> written(
            ServerHttpHeadersWriter writer, String scheme, int status, String preset) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(scheme + "://api.example.com/users/1"));
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(status));
        if (!preset.isEmpty()) {
            String[] nameAndValue = preset.split("=", 2);
            exchange.getResponse().getHeaders().set(nameAndValue[0], nameAndValue[1]);
        }

        writer.writeHttpHeaders(exchange).block();

        var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        exchange.getResponse().getHeaders().forEach(headers::put);
        return headers;
    }
}

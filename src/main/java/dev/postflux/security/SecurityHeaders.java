package dev.postflux.security;

import java.util.function.BiConsumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers of every response: Spring Security's defaults, with {@code Referrer-Policy: no-referrer},
 * written in one pass. Spring Security's own header support runs twelve writers (six of them with nothing to write
 * by default) through a {@code Flux} on every response, each building a new set view of its own header names to
 * look them up in the response: 1.8% of a {@code GET /users/{id}}'s CPU for seven constant headers
 * (docs/benchmarks.md).
 *
 * <p>Its rules are kept, and {@code SecurityHeadersTests} compares the result with its writers': a header the
 * response already has is left alone; the three cache headers go together, only when the response has none of
 * them and never on a 304 (whose caching headers must be the 200's); HSTS only over HTTPS.
 */
public final class SecurityHeaders implements ServerHttpHeadersWriter {

    static final String NO_CACHE = "no-cache, no-store, max-age=0, must-revalidate";
    static final String HSTS = "max-age=31536000 ; includeSubDomains";
    private static final String NO_CACHE_PRAGMA = "no-cache";
    private static final String EXPIRED = "0";
    private static final String NO_SNIFF = "nosniff";
    private static final String DENY = "DENY";
    private static final String XSS_FILTER_OFF = "0";
    private static final String NO_REFERRER = "no-referrer";

    private static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    private static final String FRAME_OPTIONS = "X-Frame-Options";
    private static final String XSS_PROTECTION = "X-XSS-Protection";
    private static final String REFERRER_POLICY = "Referrer-Policy";
    private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED
                && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)
                && !headers.containsHeader(HttpHeaders.PRAGMA)
                && !headers.containsHeader(HttpHeaders.EXPIRES)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            headers.set(HttpHeaders.PRAGMA, NO_CACHE_PRAGMA);
            headers.set(HttpHeaders.EXPIRES, EXPIRED);
        }
        setIfAbsent(headers, CONTENT_TYPE_OPTIONS, NO_SNIFF);
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            setIfAbsent(headers, STRICT_TRANSPORT_SECURITY, HSTS);
        }
        setIfAbsent(headers, FRAME_OPTIONS, DENY);
        setIfAbsent(headers, XSS_PROTECTION, XSS_FILTER_OFF);
        setIfAbsent(headers, REFERRER_POLICY, NO_REFERRER);
        return Mono.empty();
    }

    /**
     * The headers every response of ours carries, for an answer written below Spring (a request target that is not
     * a URI, server/MalformedRequestTarget): no caching, and the browser hardening above. No HSTS: it is for HTTPS
     * only, and such an answer does not know its scheme.
     */
    public static void forAnswersBelowSpring(BiConsumer<String, String> set) {
        set.accept(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        set.accept(HttpHeaders.PRAGMA, NO_CACHE_PRAGMA);
        set.accept(HttpHeaders.EXPIRES, EXPIRED);
        set.accept(CONTENT_TYPE_OPTIONS, NO_SNIFF);
        set.accept(FRAME_OPTIONS, DENY);
        set.accept(XSS_PROTECTION, XSS_FILTER_OFF);
        set.accept(REFERRER_POLICY, NO_REFERRER);
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }
}

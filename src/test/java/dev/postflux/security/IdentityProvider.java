package dev.postflux.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWK set URI, served by a local HTTP server, counting how often it is asked. */
final class IdentityProvider implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<JWKSet> published;
    private final AtomicInteger fetches = new AtomicInteger();

    IdentityProvider(JWKSet keys) throws IOException {
        published = new AtomicReference<>(keys);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Our settings for tokens of this provider, RS256 only. */
    SecurityProperties.Jwt settings(String issuer, String audience) {
        return new SecurityProperties.Jwt(
                null,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json"),
                List.of("RS256"),
                issuer,
                audience,
                "sub",
                "role",
                Duration.ofSeconds(30));
    }

    void publish(JWKSet keys) {
        published.set(keys);
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.postflux.server;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one client connection may cost the server, beyond what Spring Boot's {@code server.netty.*} properties
 * already bound (idle keep-alive connections, request line length, header size; see application.yaml).
 *
 * @param maxConnections open connections at once; past it a new connection is answered 503 and closed, so that a
 *     flood of sockets cannot exhaust the process's file descriptors
 * @param requestHeadTimeout time for a client to complete a request line and headers once it has sent their
 *     first byte: a client trickling headers (slowloris) is cut off after it
 * @param bodyReadTimeout longest silence while a request body is being read (a stalled upload): 408
 * @param bodyTimeout time to receive a whole request body (a body trickled a byte at a time): 408
 * @param requestTimeout time budget of a plain (not streamed) request, database included: 503 past it. Longer
 *     than {@code bodyTimeout}, so that a slow client is told 408 (its fault), and than the database's
 *     statement timeout, so that PostgreSQL normally cancels a slow query itself first
 * @param writeStallTimeout longest time a response may sit unsent because the client stopped reading it (slow
 *     read): the connection is closed, freeing what it held (a stream's slot). A client that reads slowly but
 *     steadily is not affected, nor is an idle keep-alive connection
 * @param retryAfter what a refused connection is told to wait
 */
@ConfigurationProperties("postflux.server")
public record ServerLimitsProperties(
        @DefaultValue("10000") int maxConnections,
        @DefaultValue("10s") Duration requestHeadTimeout,
        @DefaultValue("5s") Duration bodyReadTimeout,
        @DefaultValue("10s") Duration bodyTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("60s") Duration writeStallTimeout,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue({}) List<String> trustedProxies) {}

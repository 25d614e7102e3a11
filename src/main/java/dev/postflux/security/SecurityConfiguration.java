package dev.postflux.security;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one security filter chain: stateless bearer-token (JWT) authentication, route-level rules (reads public,
 * sign-up open, every other write authenticated), problem+json 401/403, the write rate limit, security headers and
 * CORS. Object-level rules (whose post is this?) live in the services' SQL; see docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final String[] OPERATIONS_PATHS = {
        "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui*/**", "/webjars/**"
    };
    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    @Bean
    SecurityWebFilterChain securityFilterChain(
            ServerHttpSecurity http,
            SecurityProperties properties,
            ReactiveJwtDecoder decoder,
            WriteRateLimiter rateLimiter) {
        var problems = new SecurityProblems();
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Spring Security's CORS filter, with a problem document for a refused origin (CorsRefusals).
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new CorsRefusals(CorsPolicy.source(properties.cors())), SecurityWebFiltersOrder.CORS)
                // Spring Security's default headers (and no-referrer), in one writer instead of its twelve.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(
                        new HttpHeaderWriterWebFilter(new SecurityHeaders()),
                        SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .authorizeExchange(exchanges -> {
                    // Rules are tried in order on every request. Public reads, the bulk of the traffic, are decided
                    // by the first one, a method check: the path matchers below would each parse the path first.
                    if (properties.publicReads()) {
                        exchanges.matchers(SecurityConfiguration::isRead).permitAll();
                    }
                    exchanges.pathMatchers(HttpMethod.OPTIONS).permitAll();
                    exchanges.pathMatchers(HttpMethod.GET, OPERATIONS_PATHS).permitAll();
                    exchanges.pathMatchers(HttpMethod.HEAD, OPERATIONS_PATHS).permitAll();
                    exchanges.pathMatchers(HttpMethod.POST, "/users").permitAll();
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(JwtDecoding.authenticationConverter(properties.jwt())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(rateLimiter::filter, SecurityWebFiltersOrder.SECURITY_CONTEXT_SERVER_WEB_EXCHANGE)
                .build();
    }

    private static Mono<MatchResult> isRead(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? MATCH : NO_MATCH;
    }

    /** Requests the HTTP firewall refuses get a problem+json 400 like every other bad request. */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler() {
        return new SecurityProblems();
    }

    /**
     * No observation per security filter: with a registry present, Spring Security wraps each of its filters in an
     * observation of its own, a cost on every request (reads included) that bought only finer-grained timings than
     * {@code http.server.requests}, which already covers the whole chain.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, DevelopmentKeys development) {
        var jwt = properties.jwt();
        if (jwt.hasJwkSetUri()) {
            return JwtDecoding.decoder(jwt, null, Clock.systemUTC());
        }
        if (jwt.hasHmacSecret()) {
            return JwtDecoding.decoder(jwt, jwt.hmacSecret(), Clock.systemUTC());
        }
        String secret = development.secret().orElseThrow(() -> new KeySourceException(KeySourceCheck.MISSING));
        return JwtDecoding.decoder(jwt, secret, Clock.systemUTC());
    }

    /** Refuses to start before anything else happens (migrations, the pool) when a real database has no key. */
    @Bean
    static KeySourceCheck keySourceCheck() {
        return new KeySourceCheck();
    }

    @Bean(destroyMethod = "close")
    WriteRateLimiter writeRateLimiter(SecurityProperties properties) {
        return new WriteRateLimiter(properties.rateLimit());
    }
}

package dev.postflux.security;

import dev.postflux.common.error.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401, 403 and the firewall's 400 and 501 from Spring Security as the same problem+json every other error is: they
 * are raised as errors and written by the one problem handler. A 401 carries {@code WWW-Authenticate: Bearer ...}
 * as RFC 6750 says.
 */
final class SecurityProblems
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    /** The methods the firewall lets through (its defaults), which are those the routes use. */
    private static final Set<HttpMethod> IMPLEMENTED_METHODS = Set.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError error) {
            return Mono.error(Problems.unauthorized(
                    error.getHttpStatus(), describe(error), challenge(error.getErrorCode(), error.getDescription())));
        }
        if (failure instanceof OAuth2AuthenticationException oauth) {
            return Mono.error(Problems.unauthorized(
                    HttpStatus.UNAUTHORIZED,
                    "The bearer token is invalid: " + oauth.getError().getDescription(),
                    challenge("invalid_token", oauth.getError().getDescription())));
        }
        return Mono.error(Problems.unauthorized(
                HttpStatus.UNAUTHORIZED, "This request needs a bearer token (Authorization: Bearer <JWT>)", "Bearer"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Mono.error(Problems.forbidden("Your token does not allow this request"));
    }

    /**
     * The firewall refused the request before any route: a method no route implements (TRACE, CONNECT, made-up
     * ones) is a 501 (RFC 9110 section 15.6.2), an encoded slash, dot segment or control character in the path a
     * 400. Its own handler answered a bare 400 with no body (found by the input fuzz test), and without the
     * security headers, which Spring Security writes later in the chain.
     */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        // The firewall runs before the header writer: its refusal gets the security headers here.
        SecurityHeaders.forAnswersBelowSpring(exchange.getResponse().getHeaders()::set);
        if (!IMPLEMENTED_METHODS.contains(exchange.getRequest().getMethod())) {
            return Mono.error(Problems.notImplemented("This server implements no resource with the request's method;"
                    + " it serves GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS"));
        }
        return Mono.error(Problems.badRequest("The request's path is not accepted (an encoded slash, backslash, dot"
                + " segment or control character)"));
    }

    private static String describe(BearerTokenError error) {
        String what = error.getHttpStatus() == HttpStatus.UNAUTHORIZED
                ? "The bearer token is invalid"
                : "The Authorization header is malformed";
        return error.getDescription() == null ? what : what + ": " + error.getDescription();
    }

    /**
     * {@code Bearer error="invalid_token", error_description="..."}; anything but printable ASCII, quotes and
     * backslashes is dropped.
     */
    private static String challenge(String code, String description) {
        List<String> parameters = new ArrayList<>();
        parameters.add("error=\"" + quoteSafe(code) + "\"");
        if (description != null) {
            parameters.add("error_description=\"" + quoteSafe(description) + "\"");
        }
        return "Bearer " + String.join(", ", parameters);
    }

    private static String quoteSafe(String text) {
        return text.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "");
    }
}

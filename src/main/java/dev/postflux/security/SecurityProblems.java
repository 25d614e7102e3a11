package dev.postflux.security;

import dev.postflux.common.error.Problems;
import java.util.ArrayList;
import java.util.List;
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
 * 401, 403 and the firewall's 400 from Spring Security as the same problem+json every other error is: they are
 * raised as errors and written by the one problem handler. A 401 carries {@code WWW-Authenticate: Bearer ...} as
 * RFC 6750 says.
 */
final class SecurityProblems
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

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
     * The firewall refused the request before any route (an unknown HTTP method, an encoded slash or dot segment in
     * the path): its own handler answered a bare 400 with no body (found by the input fuzz test), and without the
     * security headers, which Spring Security writes later in the chain.
     */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        // The firewall runs before the header writer: its refusal gets the security headers here.
        SecurityHeaders.forAnswersBelowSpring(exchange.getResponse().getHeaders()::set);
        return Mono.error(Problems.badRequest(
                "The request's method or path is not accepted (an unknown HTTP method, or an encoded slash,"
                        + " backslash, dot segment or control character in the path)"));
    }

    private static String describe(BearerTokenError error) {
        String what = error.getHttpStatus() == HttpStatus.UNAUTHORIZED
                ? "The bearer token is invalid"
                : "The Authorization header is malformed";
        return error.getDescription() == null ? what : what + ": " + error.getDescription();
    }

    /** {@code Bearer error="invalid_token", error_description="..."}; anything but printable ASCII, quotes and backslashes is dropped. */
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

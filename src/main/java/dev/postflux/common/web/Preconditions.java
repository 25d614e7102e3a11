package dev.postflux.common.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Optimistic concurrency over HTTP: a resource's {@code version} is its entity tag ({@code ETag: "3"}), and
 * {@code If-Match} makes a write conditional on it (RFC 9110 section 13.1.1).
 */
public final class Preconditions {

    /** Never a stored version: an If-Match that names no version of ours can only fail (412). */
    public static final int UNMATCHABLE = -1;

    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("^\"(\\d{1,9})\"$");

    private Preconditions() {}

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header requires: null when there is no header or it is {@code *} (any
     * version, as long as the resource exists).
     */
    public static Integer requiredVersion(ServerRequest request) {
        var values = request.headers().header(HttpHeaders.IF_MATCH);
        if (values.isEmpty()) {
            return null;
        }
        for (String value : values) {
            for (String tag : value.split(",")) {
                String trimmed = tag.strip();
                if (trimmed.equals("*")) {
                    return null;
                }
                Matcher matcher = STRONG_VERSION_TAG.matcher(trimmed);
                if (matcher.matches()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        return UNMATCHABLE;
    }
}

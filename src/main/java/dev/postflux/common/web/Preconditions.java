package dev.postflux.common.web;

import dev.postflux.common.error.Problems;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Optimistic concurrency over HTTP: a resource's {@code version} is its entity tag ({@code ETag: "3"}), and
 * {@code If-Match} makes a write conditional on it (RFC 9110 section 13.1.1).
 *
 * <p>A representation that embeds relations (a user with its profile and posts, a post with its author) changes
 * when they do, though its version does not: its tag adds their fingerprint ({@code "3-9f86d081884c7d65"}), so that
 * {@code If-None-Match} never answers {@code 304} for a representation that has changed. A write compares only the
 * version part: it changes the resource's own attributes, which the version covers, and is not in conflict with a
 * post added to the user meanwhile.
 */
public final class Preconditions {

    /** One entity tag of a list: {@code W/} when weak, then the opaque tag in quotes (RFC 9110 section 8.8.3). */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([^\"]*)\"");

    /**
     * A version as {@link #etag} writes it. Strong comparison is character by character, so {@code "01"} is not
     * {@code "1"}; nine digits keep it an int.
     */
    private static final Pattern VERSION = Pattern.compile("([1-9][0-9]{0,8})(-[0-9a-f]{16})?");

    private Preconditions() {}

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /**
     * The tag of a representation: its version, then the fingerprint of the relations it embeds, if any (null:
     * none).
     */
    public static String etag(int version, Fingerprint relations) {
        return relations == null ? etag(version) : "\"" + version + "-" + relations.hex() + "\"";
    }

    /**
     * The versions an {@code If-Match} header accepts, any one of them: null when there is no header or it is
     * {@code *} (any version, as long as the resource exists). Otherwise the versions its strong tags name, in
     * order, which may be none: weak tags never match for If-Match, nor do tags we never issue, and then the write
     * can only fail (412).
     */
    public static List<Integer> requiredVersions(ServerRequest request) {
        IfMatch condition = ifMatch(request);
        if (condition == null || condition.any()) {
            return null;
        }
        var versions = new TreeSet<Integer>();
        for (String tag : condition.tags()) {
            Matcher version = VERSION.matcher(tag);
            if (version.matches()) {
                versions.add(Integer.parseInt(version.group(1)));
            }
        }
        return List.copyOf(versions);
    }

    /**
     * The request's {@code If-Match}: null when it has none; {@link IfMatch#any()} for {@code *}; otherwise the
     * opaque parts of its strong tags, sorted and without duplicates or quotes (weak tags never match for If-Match).
     */
    public static IfMatch ifMatch(ServerRequest request) {
        var values = request.headers().header(HttpHeaders.IF_MATCH);
        if (values.isEmpty()) {
            return null;
        }
        var tags = new TreeSet<String>();
        for (String value : values) {
            if (value.strip().equals("*")) {
                return new IfMatch(true, List.of());
            }
            Matcher tag = ENTITY_TAG.matcher(value);
            while (tag.find()) {
                if (tag.group(1) == null) {
                    tags.add(tag.group(2));
                }
            }
        }
        return new IfMatch(false, List.copyOf(tags));
    }

    /** Whether the request has {@code If-None-Match: *}: the write must not find a current representation. */
    public static boolean ifNoneMatchAny(ServerRequest request) {
        return request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
                .anyMatch(value -> value.strip().equals("*"));
    }

    /**
     * An {@code If-Match} condition: {@code any} ({@code *}, the resource must exist), or the strong tags of which
     * the resource's current one must be one (none: the write can only fail).
     */
    public record IfMatch(boolean any, List<String> tags) {

        /** The tags of which the current one must be one; null when any will do ({@code *}). */
        public List<String> required() {
            return any ? null : tags;
        }
    }

    /** The 412 of a write whose {@code If-Match} named none of {@code resource}'s current version. */
    public static ErrorResponseException failed(String resource, long id, int current, List<Integer> required) {
        String detail = resource + " " + id + " is at version " + current;
        if (required == null || required.isEmpty()) {
            return Problems.preconditionFailed(detail + ", which If-Match does not name");
        }
        var named = required.stream().map(String::valueOf).toList();
        String last = named.get(named.size() - 1);
        String others = String.join(", ", named.subList(0, named.size() - 1));
        return Problems.preconditionFailed(detail + ", not " + (others.isEmpty() ? last : others + " or " + last));
    }
}

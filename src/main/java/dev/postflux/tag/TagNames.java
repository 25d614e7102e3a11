package dev.postflux.tag;

import java.util.List;
import java.util.Locale;

/**
 * Tag names as stored: trimmed, lower-case, each once, sorted. A request keeps its names in the client's order,
 * each trimmed and lower-cased ({@link #normalizeEach}), so that a rule a name breaks is reported at the place the
 * client put it; duplicates go and the order is set only when the names are stored ({@link #distinctSorted}).
 */
public final class TagNames {

    /** Letters, digits and '-', 1 to 50 characters; the same rule is a CHECK constraint on {@code tags.name}. */
    public static final String PATTERN = "^[a-z0-9-]{1,50}$";

    /**
     * What a client may send: names are trimmed and lower-cased before {@link #PATTERN} applies. For the API
     * description only; validation uses {@link #PATTERN} on the normalised form.
     */
    public static final String INPUT_PATTERN = "^\\s*[A-Za-z0-9-]{1,50}\\s*$";

    public static final int MAX_PER_POST = 20;

    private TagNames() {}

    /** One name as a query filter ({@code ?tag=Java} finds "java"); null when it cannot be a tag name. */
    public static String normalizeOne(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT);
        return normalized.matches(PATTERN) ? normalized : null;
    }

    /** Each name trimmed and lower-cased, in the client's order, duplicates kept: what validation sees. */
    public static List<String> normalizeEach(List<String> names) {
        if (names == null) {
            return null;
        }
        return names.stream()
                .map(name -> name == null ? null : name.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Names as stored: each once, sorted; null stays null ("not given", for a partial update). */
    public static List<String> distinctSorted(List<String> names) {
        if (names == null) {
            return null;
        }
        return names.stream().distinct().sorted().toList();
    }
}

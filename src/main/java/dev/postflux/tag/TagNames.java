package dev.postflux.tag;

import java.util.List;
import java.util.Locale;

/** Tag names as stored: trimmed, lower-case, each once, sorted. Validation happens on the normalised form. */
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

    public static List<String> normalize(List<String> names) {
        if (names == null) {
            return null;
        }
        return names.stream()
                .map(name -> name == null ? null : name.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .sorted(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .toList();
    }
}

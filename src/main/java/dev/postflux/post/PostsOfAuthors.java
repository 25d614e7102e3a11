package dev.postflux.post;

import java.util.List;
import java.util.Map;

/**
 * The newest posts of the first {@code authorsCovered} authors of a list, by author id. Authors of those without
 * posts have none in the map; the authors after them were not read (a text budget stopped the reading).
 */
public record PostsOfAuthors(Map<Long, List<PostResponse>> byAuthor, int authorsCovered) {}

package dev.postflux.post;

/** Which posts a list shows: all, one author's ({@code /users/{id}/posts}) and/or those with a tag. */
record PostFilter(Long authorId, String tag) {}

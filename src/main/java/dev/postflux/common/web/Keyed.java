package dev.postflux.common.web;

/** A row of a keyset-ordered list: it knows its own position, which is what cursors and SSE ids are made of. */
public interface Keyed {

    Cursor cursor();
}

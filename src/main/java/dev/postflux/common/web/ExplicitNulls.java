package dev.postflux.common.web;

import java.util.List;

/**
 * A partial update that tells which fields the client set to {@code null} where null is not allowed (a PATCH
 * cannot clear a user's name). Refusing such a null as the JSON is read would stop reading there and hide the
 * body's other errors; {@link RequestBodies} reports them with the rest instead ("must not be null").
 */
public interface ExplicitNulls {

    /** The JSON names of the fields the body set to null that may not be null, in the body's order. */
    List<String> fieldsSetToNull();
}

package dev.postflux.common.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Strings as PostgreSQL can store them. JSON may escape half of a surrogate pair on its own ({@code "\ud800"}), which
 * has no UTF-8 form: the driver stored it as {@code ?}, silently changing the text (and making two different email
 * addresses collide). Such a string is the client's mistake, a 400 that names the field.
 */
public final class WellFormedTextDeserializer extends StringDeserializer {

    static final String UNPAIRED_SURROGATE = "has an unpaired surrogate";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        if (text != null && hasUnpairedSurrogate(text)) {
            return (String) context.handleWeirdStringValue(String.class, text, UNPAIRED_SURROGATE);
        }
        return text;
    }

    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

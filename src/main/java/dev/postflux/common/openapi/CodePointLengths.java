package dev.postflux.common.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import org.hibernate.validator.constraints.CodePointLength;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * Gives a string property limited by {@link CodePointLength} the {@code minLength} and {@code maxLength} that
 * springdoc writes only for {@code @Size}. Request bodies limit lengths in characters (code points), as the
 * database's {@code char_length} and JSON Schema count them, so the numbers mean the same on both sides.
 */
class CodePointLengths implements PropertyCustomizer {

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (type.getCtxAnnotations() == null) {
            return property;
        }
        Arrays.stream(type.getCtxAnnotations())
                .filter(CodePointLength.class::isInstance)
                .map(CodePointLength.class::cast)
                .findFirst()
                .ifPresent(length -> {
                    // Never below a minimum another constraint set (@NotBlank's 1).
                    if (property.getMinLength() == null || property.getMinLength() < length.min()) {
                        property.setMinLength(length.min());
                    }
                    if (length.max() != Integer.MAX_VALUE) {
                        property.setMaxLength(length.max());
                    }
                });
        return property;
    }
}

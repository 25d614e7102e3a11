package dev.postflux.post;

import dev.postflux.tag.TagNames;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tag names in request bodies are validated after trimming and lower-casing, so clients may send {@code "Math"};
 * the generated schema shows the stored form's pattern (from the {@code @Pattern} on the normalised list), which
 * would refuse it. This puts the pattern of what a client may send in its place.
 */
@Configuration(proxyBeanMethods = false)
class PostApiSchemas {

    @Bean
    OpenApiCustomizer tagNamesAsSent() {
        return openApi -> List.of("CreatePostRequest", "UpdatePostRequest").forEach(name -> {
            Schema<?> schema = openApi.getComponents().getSchemas().get(name);
            if (schema != null && schema.getProperties().get("tags") != null) {
                Schema<?> items = schema.getProperties().get("tags").getItems();
                items.setPattern(TagNames.INPUT_PATTERN);
                items.setDescription("trimmed and lower-cased, then 1-50 of a-z 0-9 -; duplicates dropped");
            }
        });
    }
}

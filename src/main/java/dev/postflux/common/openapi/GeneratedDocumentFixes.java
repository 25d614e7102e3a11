package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Three corrections to the document springdoc generates, so that it says exactly what the server does and
 * validates as JSON Schema 2020-12:
 *
 * <ul>
 *   <li>Bodies are closed: the server rejects unknown properties (400) and sends none beyond those described, so
 *       every object schema gets {@code additionalProperties: false}.
 *   <li>A nullable reference ({@code @Schema(types = {"object", "null"}, implementation = X.class)}) comes out as
 *       {@code $ref} next to {@code type}, where {@code $ref} still refuses null; it becomes
 *       {@code anyOf: [{$ref}, {type: null}]}.
 *   <li>A response header given by {@code ref} keeps springdoc's default {@code style} and {@code schema} beside
 *       the {@code $ref}; only the reference stays.
 * </ul>
 */
class GeneratedDocumentFixes implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
        if (schemas != null) {
            schemas.values().forEach(GeneratedDocumentFixes::fixObject);
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .forEach(GeneratedDocumentFixes::fixHeaderReferences);
        }
    }

    private static void fixObject(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        if (schema.getAdditionalProperties() == null) {
            schema.setAdditionalProperties(false);
        }
        schema.getProperties().replaceAll((name, property) -> nullableReference(property));
    }

    private static Schema<?> nullableReference(Schema<?> property) {
        Set<String> types = property.getTypes();
        if (property.get$ref() == null || types == null || !types.contains("null")) {
            return property;
        }
        return new JsonSchema()
                .description(property.getDescription())
                .anyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
    }

    private static void fixHeaderReferences(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().values().stream()
                .filter(response -> response.getHeaders() != null)
                .flatMap(response -> response.getHeaders().values().stream())
                .filter(header -> header.get$ref() != null)
                .forEach(header -> {
                    header.setStyle(null);
                    header.setSchema(null);
                    header.setExplode(null);
                });
    }
}

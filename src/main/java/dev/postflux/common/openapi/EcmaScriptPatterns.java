package dev.postflux.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Publishes each {@code @Pattern} in the dialect JSON Schema specifies, ECMA-262, instead of Java's: a client that
 * validates against the description (ajv, a generated form) would otherwise fail to compile Java's inline flags
 * ({@code (?U)}) and possessive quantifiers ({@code a++}). Our patterns use possessive quantifiers only where they
 * change how fast a string fails to match, never which strings match, so the greedy form says the same rule.
 */
class EcmaScriptPatterns implements OpenApiCustomizer {

    private static final String UNICODE_CLASSES_FLAG = "(?U)";

    @Override
    public void customise(OpenAPI openApi) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> rewrite(schema, seen));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .forEach(operation -> rewrite(operation, seen));
        }
    }

    private static void rewrite(Operation operation, Set<Schema<?>> seen) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getSchema).forEach(schema -> rewrite(schema, seen));
        }
        if (operation.getRequestBody() != null) {
            rewrite(operation.getRequestBody().getContent(), seen);
        }
    }

    private static void rewrite(Content content, Set<Schema<?>> seen) {
        if (content != null) {
            content.values().forEach(media -> rewrite(media.getSchema(), seen));
        }
    }

    /** The schema and every schema inside it (properties, items, compositions). */
    @SuppressWarnings("rawtypes")
    private static void rewrite(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.getPattern() != null) {
            schema.setPattern(of(schema.getPattern()));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(inner -> rewrite(inner, seen));
        }
        for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(inner -> rewrite(inner, seen));
            }
        }
        rewrite(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            rewrite(additional, seen);
        }
    }

    /**
     * {@code java} without a leading {@code (?U)} and with each possessive quantifier made greedy; characters inside
     * brackets and escapes (with their braces: {@code \p{L}}) are left as they are. {@code (?U)} makes Java's
     * {@code \s} Unicode-aware, as ECMA-262's is; its {@code \w}, {@code \d} and {@code \b} would stay ASCII in
     * ECMA-262, so a pattern with the flag and one of those is refused rather than published with another meaning.
     * {@code \p{...}} classes need a Unicode-aware engine (ECMA-262's {@code u} flag, which ajv sets).
     */
    static String of(String java) {
        String pattern = java;
        if (java.startsWith(UNICODE_CLASSES_FLAG)) {
            pattern = java.substring(UNICODE_CLASSES_FLAG.length());
            if (pattern.matches(".*(?<!\\\\)\\\\[wWdDbB].*")) {
                throw new IllegalArgumentException("(?U) changes what \\w, \\d and \\b mean in " + java);
            }
        }
        var ecma = new StringBuilder(pattern.length());
        boolean inClass = false;
        boolean afterQuantifier = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                int end = escapeEnd(pattern, i);
                ecma.append(pattern, i, end);
                i = end - 1;
                afterQuantifier = false;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '+' && afterQuantifier) {
                afterQuantifier = false;
                continue;
            }
            afterQuantifier = !inClass && isQuantifier(c, i == 0 ? 0 : pattern.charAt(i - 1));
            ecma.append(c);
        }
        return ecma.toString();
    }

    /** Past the escape at {@code start}: two characters, or up to the closing brace of {@code \p{L}}, {@code \x{41}}. */
    private static int escapeEnd(String pattern, int start) {
        int end = start + 2;
        if (end < pattern.length() && pattern.charAt(end) == '{' && "pPx".indexOf(pattern.charAt(start + 1)) >= 0) {
            int close = pattern.indexOf('}', end);
            return close < 0 ? pattern.length() : close + 1;
        }
        return end;
    }

    /** {@code ?} right after {@code (} opens a special group ({@code (?:}, {@code (?=}); it quantifies nothing. */
    private static boolean isQuantifier(char c, char previous) {
        return c == '+' || c == '*' || c == '}' || (c == '?' && previous != '(');
    }
}

package dev.postflux.common.web;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON as the API speaks it: strict on input (unknown fields, wrong types, numbers for enums, duplicate keys, text
 * that is not well-formed Unicode and oversized documents are errors, never silently coerced) and timestamps as
 * ISO-8601 UTC with milliseconds on output.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** Limits that stop hostile documents in the parser, before they cost memory or stack. */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(200_000)
            .maxNumberLength(50)
            .maxNameLength(200)
            .build();

    /** Replaces Spring Boot's builder only to give it a JSON factory that enforces {@link #READ_CONSTRAINTS}. */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        var builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS).build());
        customizers.stream().sorted(AnnotationAwareOrderComparator.INSTANCE).forEach(c -> c.customize(builder));
        return builder;
    }

    /** The API's JSON outside a Spring context (benchmarks, tests): the same limits and rules, no Boot defaults. */
    public static JsonMapper standalone() {
        var builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS).build());
        new JsonConfiguration().strictInput().customize(builder);
        return builder.build();
    }

    @Bean
    JsonMapperBuilderCustomizer strictInput() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Off by default: a number would be read as the index of an enum constant ("role": 0 as admin).
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(
                        new SimpleModule("postflux-timestamps").addSerializer(Instant.class, new TimestampSerializer()))
                .addModule(new SimpleModule("postflux-well-formed-text")
                        .addDeserializer(String.class, new WellFormedTextDeserializer()));
    }

    /** {@code 2026-06-14T09:12:00.000Z}: always UTC, always three fraction digits, as the API promises. */
    static final class TimestampSerializer extends StdSerializer<Instant> {

        TimestampSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(Timestamps.format(value));
        }
    }
}

package se.medborgarlofte.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3 for events, snapshots and tokens (Axon's default XStream fails on records). Fields are visible
 * so that aggregate snapshots need no getters; unknown properties are ignored so old readers survive new
 * event fields, and a missing primitive reads as its default, as it did with Jackson 2, so that events stored
 * before a field existed stay readable. Dates are ISO-8601 text, the format stored since the first event.
 * Jackson 3 sees constructor parameter names, so it would take an aggregate's command-handling constructor for a
 * creator; such constructors are never creators, and a snapshot is read through the no-argument one. Tracking tokens
 * carry polymorphic fields typed {@code Object} (a replay's context, for one), which Jackson 3 refuses unless a
 * validator names the types allowed: ours, Axon's and the JDK's value types.
 */
public final class AxonSerialization {

    private AxonSerialization() {
    }

    public static void configure(JsonMapper.Builder builder) {
        builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .annotationIntrospector(new CommandHandlersAreNotCreators())
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("se.medborgarlofte.")
                        .allowIfSubType("java.lang.")
                        .allowIfSubType("java.util.")
                        .allowIfSubType("java.time.")
                        .build())
                .changeDefaultVisibility(visibility -> visibility
                        .withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY));
    }

    private static final class CommandHandlersAreNotCreators extends JacksonAnnotationIntrospector {
        @Override
        public JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated annotated) {
            if (annotated instanceof AnnotatedConstructor constructor && constructor.hasAnnotation(CommandHandler.class)) {
                return JsonCreator.Mode.DISABLED;
            }
            return super.findCreatorAnnotation(config, annotated);
        }
    }

    public static Jackson3Serializer serializer() {
        return Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(AxonSerialization::configure)
                .build();
    }
}

package se.medborgarlofte.query.generation;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import java.util.List;
import java.util.Map;

/**
 * The read models' collections by generation. Each processing group writes its read model into one generation of
 * its collections at a time; generation 0 has the base names ({@code activities}), a later one a suffix
 * ({@code activities_g1}). A rebuild fills the next generation from the event stream and makes it the active one
 * ({@link ReadModelCollections}, {@code query.rebuild}).
 */
public final class Generations {

    /** The collections of each processing group's read model, by their base names. */
    public static final Map<String, List<String>> COLLECTIONS = Map.of(
            "promises", List.of("promises"),
            "activities", List.of("activities", "progressTallies"),
            "findings", List.of("findings"));

    private Generations() {
    }

    /**
     * A {@code MongoTemplate} made outside the application (tools, tests), whose read model documents resolve to
     * generation 0's collections: their {@code @Document} names ask the bean {@code readModelCollections}.
     */
    public static MongoTemplate atGenerationZero(MongoTemplate mongo) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean("readModelCollections", FirstGeneration.class);
        context.refresh();
        ((MongoMappingContext) mongo.getConverter().getMappingContext()).setApplicationContext(context);
        return mongo;
    }

    /** Every read model in generation 0. */
    public static final class FirstGeneration {
        public String name(String base) {
            return base;
        }
    }

    /** The collection {@code base} of {@code generation}. */
    public static String collection(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }

    /** The processing group whose read model lives in {@code base}. */
    public static String groupOf(String base) {
        for (Map.Entry<String, List<String>> group : COLLECTIONS.entrySet()) {
            if (group.getValue().contains(base)) {
                return group.getKey();
            }
        }
        throw new IllegalArgumentException("No read model keeps its documents in " + base);
    }
}

package se.medborgarlofte.query.generation;

/**
 * Where a read model's handlers write: the collection of {@code base} that the events now being applied go to. The
 * live processors write into the active generation ({@link ReadModelCollections}), a rebuild into its own.
 */
@FunctionalInterface
public interface WriteTarget {

    /** The collection {@code base} (of processing group {@code group}) for the current batch of events. */
    String collection(String group, String base);

    /** Always {@code generation}: for a rebuild, and for handlers used outside the application (tests). */
    static WriteTarget generation(int generation) {
        return (group, base) -> Generations.collection(base, generation);
    }
}

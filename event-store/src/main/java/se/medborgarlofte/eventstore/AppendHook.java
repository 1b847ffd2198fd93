package se.medborgarlofte.eventstore;

/**
 * Called by {@link SequencedMongoEventStorageEngine} between taking global sequence numbers and inserting the
 * events. Production uses {@link #NONE}; tests use it to inject slow writers and appends that fail after taking
 * their numbers, which is exactly what the tracking side must survive.
 */
@FunctionalInterface
public interface AppendHook {

    AppendHook NONE = (first, count) -> {
    };

    void afterAllocation(long firstGlobalIndex, int count);
}

package se.medborgarlofte.eventstore.integrity;

/**
 * What {@link ChainVerifier} found for one aggregate: intact, or the first event that does not match.
 *
 * @param eventsChecked the events whose hashes were recomputed before the first break (all of them when intact)
 * @param headHash      the hash of the last event as stored (null if none is hashed)
 * @param firstBreak    null when intact
 */
public record ChainReport(String aggregateIdentifier, boolean intact, int eventsChecked, String headHash,
                          Break firstBreak) {

    /** Why an event does not match. */
    public enum Problem {
        /** The stored fields (payload, metadata, ...) no longer give the stored hash: the event was changed. */
        HASH_MISMATCH,
        /** The event's previous hash is not the hash of the event before it: it was changed, or one was inserted. */
        PREVIOUS_HASH_MISMATCH,
        /** No event is stored under this sequence number, though later ones are: it was deleted. */
        MISSING,
        /** The event has no hash, though it came after the chain began. */
        NOT_HASHED
    }

    /** The first event that does not match. */
    public record Break(long sequenceNumber, String eventIdentifier, Problem problem) {
    }

    static ChainReport intact(String aggregateIdentifier, int checked, String head) {
        return new ChainReport(aggregateIdentifier, true, checked, head, null);
    }

    static ChainReport broken(String aggregateIdentifier, int checked, String head, Break first) {
        return new ChainReport(aggregateIdentifier, false, checked, head, first);
    }
}

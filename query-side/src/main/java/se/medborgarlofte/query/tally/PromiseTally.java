package se.medborgarlofte.query.tally;

import java.time.Instant;

/**
 * Read model: a promise's {@link ActivityTally} as stored, one document per promise. {@code lastSequence} is the
 * aggregate sequence number of the last activity event applied to it (recorded, corrected or retracted), so an event
 * delivered again is skipped; with {@code lastChangedAt} it is also the newest change to any of the promise's
 * activities.
 */
public final class PromiseTally {

    public final String promiseId;
    public long lastSequence = -1;
    public Instant lastChangedAt;
    public final ActivityTally tally;

    public PromiseTally(String promiseId, long lastSequence, Instant lastChangedAt, ActivityTally tally) {
        this.promiseId = promiseId;
        this.lastSequence = lastSequence;
        this.lastChangedAt = lastChangedAt;
        this.tally = tally;
    }

    /** A promise no activity event has been applied to yet. */
    public static PromiseTally empty(String promiseId) {
        return new PromiseTally(promiseId, -1, null, new ActivityTally());
    }

    /** The same tally, to change without changing this one. */
    public PromiseTally copy() {
        return new PromiseTally(promiseId, lastSequence, lastChangedAt, tally.copy());
    }

    @Override
    public String toString() {
        return "PromiseTally[" + promiseId + " at " + lastSequence + ", " + lastChangedAt + ": " + tally + "]";
    }
}

package se.medborgarlofte.query.rebuild;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.Collection;
import java.util.Set;

/**
 * When a rebuild may make its generation the active one, and when it may stop (see {@link RebuildJob} for the
 * protocol). Positions are global sequence numbers of the event store.
 */
final class SwapCondition {

    private SwapCondition() {
    }

    /**
     * Through which position the rebuild has applied every event: its token's index, or just below its lowest gap
     * (a number taken but not yet stored, whose event may still come).
     */
    static long coveredThrough(TrackingToken rebuild) {
        if (rebuild == null) {
            return -1;
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(rebuild);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return token.position().orElse(-1);
    }

    /** The highest position whose event a live segment may have applied: its token's index (none stored: -1). */
    static long appliedAtMost(TrackingToken live) {
        if (live == null) {
            return -1;
        }
        if (live instanceof ReplayToken replay) {
            // what it applied before the reset is in the read model as well
            return Math.max(appliedAtMost(replay.getTokenAtReset()), appliedAtMost(replay.getCurrentToken()));
        }
        return WrappedToken.unwrapUpperBound(live).position().orElse(Long.MAX_VALUE);
    }

    /** The rebuild has applied every event any live segment has applied: it may flip. */
    static boolean caughtUp(long covered, Collection<TrackingToken> liveSegments) {
        return covered >= target(liveSegments);
    }

    /**
     * What the rebuild must cover before it stops, read once every live replica has acknowledged the flip (writes
     * nothing more into the previous generation): every live segment's token then.
     */
    static long target(Collection<TrackingToken> liveSegments) {
        long target = -1;
        for (TrackingToken token : liveSegments) {
            target = Math.max(target, appliedAtMost(token));
        }
        return target;
    }

    /** Every live replica writes nothing more into the previous generation. */
    static boolean everyReplicaAcknowledged(Set<String> live, Set<String> acknowledged) {
        return acknowledged.containsAll(live);
    }
}

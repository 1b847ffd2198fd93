package se.medborgarlofte.query.operations;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How one processing group (one read model) stands in this instance, from the tokens of the segments it holds here.
 *
 * @param group     the processing group
 * @param running   the processor runs and none of its segments is in error (retrying a failed batch, or its last
 *                  batch here failed: {@link FailedBatches})
 * @param segments  how many segments this instance holds (0: another instance holds them all, or none is claimed)
 * @param lagEvents the event store's head (highest global sequence number) minus the position of the segment that
 *                  is furthest behind; -1 when this instance holds no segment
 * @param openGaps  open gaps in the tokens: numbers below a token's position not yet seen (a writer between taking
 *                  its number and storing); the most any held segment's token has
 * @param lagSeconds 0 when every held segment has reached the head; otherwise how old (event time to now) the last
 *                  event this group read in this instance is; NaN when it is behind and has read nothing since start
 */
record ProcessorState(String group, boolean running, int segments, long lagEvents, int openGaps, double lagSeconds) {

    static ProcessorState of(String group, boolean running, Collection<TrackingToken> heldTokens, long head,
                             Instant lastEventTime, Instant now) {
        if (heldTokens.isEmpty()) {
            return new ProcessorState(group, running, 0, -1, 0, Double.NaN);
        }
        long lowest = Long.MAX_VALUE;
        int gaps = 0;
        for (TrackingToken token : heldTokens) {
            lowest = Math.min(lowest, position(token));
            gaps = Math.max(gaps, openGaps(token));
        }
        long lag = Math.max(0, head - lowest);
        double seconds = lag == 0 ? 0 : lastEventTime == null ? Double.NaN
                : Math.max(0, Duration.between(lastEventTime, now).toMillis() / 1000.0);
        return new ProcessorState(group, running, heldTokens.size(), lag, gaps, seconds);
    }

    /** The global sequence number a token has reached; 0 for a segment that has read nothing yet. */
    static long position(TrackingToken token) {
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        return lower == null ? 0 : lower.position().orElse(0);
    }

    static int openGaps(TrackingToken token) {
        return WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware
                ? gapAware.getGaps().size() : 0;
    }
}

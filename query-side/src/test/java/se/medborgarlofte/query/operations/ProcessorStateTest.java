package se.medborgarlofte.query.operations;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Lag and gaps as the operator reads them, from the tokens of the segments an instance holds. */
class ProcessorStateTest {

    static final Instant NOW = Instant.parse("2025-09-15T08:00:00Z");

    static TrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    static ProcessorState state(long head, Instant lastEvent, TrackingToken... held) {
        return ProcessorState.of("activities", true, Arrays.asList(held), head, lastEvent, NOW);
    }

    @Test
    void theLagInEventsIsTheHeadMinusTheSegmentFurthestBehind() {
        ProcessorState state = state(120, NOW.minusSeconds(30), at(100), at(117));
        assertThat(state.lagEvents()).isEqualTo(20);
        assertThat(state.segments()).isEqualTo(2);
    }

    @Test
    void behindTheLagInSecondsIsTheAgeOfTheLastEventReadAndCaughtUpItIsZero() {
        assertThat(state(120, NOW.minusMillis(2_500), at(119)).lagSeconds()).isEqualTo(2.5);
        assertThat(state(120, NOW.minusSeconds(3_600), at(120), at(120)).lagSeconds())
                .as("an old last event, but nothing left to read").isZero();
        assertThat(state(120, null, at(100)).lagSeconds()).as("behind, nothing read since start").isNaN();
    }

    @Test
    void openGapsAreTheMostAnySegmentsTokenWaitsFor() {
        ProcessorState state = state(50, NOW, at(50, 47L, 48L), at(50, 48L), at(49));
        assertThat(state.openGaps()).isEqualTo(2);
        assertThat(state.lagEvents()).as("the gaps are counted apart from the lag").isEqualTo(1);
    }

    @Test
    void aSegmentThatHasReadNothingIsAtTheStartAndAReplayCountsFromWhereItHasComeTo() {
        assertThat(state(30, null, (TrackingToken) null).lagEvents()).isEqualTo(30);
        TrackingToken replaying = ReplayToken.createReplayToken(at(30), at(10));
        assertThat(state(30, NOW, replaying).lagEvents()).isEqualTo(20);
    }

    @Test
    void anInstanceThatHoldsNoSegmentKnowsNoLag() {
        ProcessorState state = ProcessorState.of("promises", true, List.of(), 30, null, NOW);
        assertThat(state.segments()).isZero();
        assertThat(state.lagEvents()).isEqualTo(-1);
        assertThat(state.lagSeconds()).isNaN();
    }
}

package se.medborgarlofte.query.rebuild;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SwapConditionTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.asList(gaps));
    }

    @Test
    void aRebuildCoversEveryEventUpToItsTokenOrJustBelowItsLowestGap() {
        assertThat(SwapCondition.coveredThrough(null)).isEqualTo(-1);
        assertThat(SwapCondition.coveredThrough(token(41))).isEqualTo(41);
        assertThat(SwapCondition.coveredThrough(token(41, 37L, 39L)))
                .as("event 37 may still come: only 36 and below are surely applied").isEqualTo(36);
    }

    @Test
    void itMayFlipOnlyOnceItHasAppliedEveryEventEveryLiveSegmentHasApplied() {
        List<TrackingToken> live = Arrays.asList(token(40), token(42, 41L), null);
        assertThat(SwapCondition.caughtUp(41, live)).as("segment 1 applied event 42").isFalse();
        assertThat(SwapCondition.caughtUp(42, live)).isTrue();
        assertThat(SwapCondition.caughtUp(SwapCondition.coveredThrough(token(50, 42L)), live))
                .as("the rebuild still waits for event 42, which segment 1 may have applied").isFalse();
        assertThat(SwapCondition.caughtUp(-1, Arrays.asList(null, null))).as("nothing applied anywhere").isTrue();
    }

    @Test
    void aSegmentBeingReplayedCountsWhereItHasBeenBefore() {
        TrackingToken replaying = ReplayToken.createReplayToken(token(60), token(10));
        assertThat(SwapCondition.appliedAtMost(replaying)).isEqualTo(60);
        assertThat(SwapCondition.caughtUp(59, List.of(replaying))).isFalse();
    }

    @Test
    void itStopsOnlyOnceEveryLiveReplicaHasAcknowledgedTheFlipAndItCoversTheirTokensThen() {
        assertThat(SwapCondition.everyReplicaAcknowledged(Set.of("a", "b"), Set.of("a"))).isFalse();
        assertThat(SwapCondition.everyReplicaAcknowledged(Set.of("a", "b"), Set.of("a", "b", "gone"))).isTrue();
        assertThat(SwapCondition.target(Arrays.asList(token(70), token(75, 71L), null))).isEqualTo(75);
        assertThat(SwapCondition.target(List.of())).isEqualTo(-1);
    }
}

package se.medborgarlofte.query.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.query.position.ReadPositionController.SegmentPosition;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The read position over a processing group's segments, wherever they are processed. */
class ReadPositionControllerTest {

    static final int[] TWO = {0, 1};

    static SegmentPosition segment(int id, TrackingToken token) {
        return new SegmentPosition(Segment.computeSegment(id, TWO), token);
    }

    static TrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    @Test
    void theLowestSegmentCountsOnceEverySegmentIsKnown() {
        assertThat(ReadPositionController.processedThrough(List.of(segment(0, at(40)), segment(1, at(37)))))
                .isEqualTo(37);
    }

    @Test
    void unknownWhileASegmentIsMissing() {
        assertThat(ReadPositionController.processedThrough(List.of(segment(0, at(40))))).isEqualTo(-1);
        assertThat(ReadPositionController.processedThrough(List.of())).isEqualTo(-1);
    }

    @Test
    void anOpenGapCountsAsNotProcessed() {
        assertThat(ReadPositionController.processedThrough(List.of(segment(0, at(40, 35L, 38L)),
                segment(1, at(41))))).isEqualTo(34);
    }

    @Test
    void aSegmentThatHasStoredNoTokenHasProcessedNothing() {
        assertThat(ReadPositionController.processedThrough(List.of(segment(0, at(40)), segment(1, null))))
                .isZero();
    }

    @Test
    void aReplayCountsWhereItHasGot() {
        TrackingToken replaying = ReplayToken.createReplayToken(at(100), at(20));
        assertThat(ReadPositionController.processedThrough(List.of(segment(0, replaying), segment(1, at(100)))))
                .isEqualTo(20);
    }
}

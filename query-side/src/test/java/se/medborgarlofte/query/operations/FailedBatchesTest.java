package se.medborgarlofte.query.operations;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A segment whose batch failed counts as failing until its next batch commits, or the memory runs out. */
class FailedBatchesTest {

    Instant now = Instant.parse("2025-09-15T08:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final FailedBatches failed = new FailedBatches(Duration.ofMinutes(2), clock);
    final MessageHandlerInterceptor<EventMessage<?>> activities = failed.watch("activities");

    @Test
    void aFailedBatchMarksItsGroupUntilTheSegmentCommitsABatch() {
        batch(0, true);
        assertThat(failed.failing("activities")).isTrue();
        assertThat(failed.failing("promises")).as("other groups").isFalse();
        batch(1, false);
        assertThat(failed.failing("activities")).as("another segment committing says nothing of this one").isTrue();
        batch(0, false);
        assertThat(failed.failing("activities")).isFalse();
    }

    @Test
    void aFailureIsForgottenAfterTheMemoryWhenAnotherReplicaMayHaveTakenTheSegmentOver() {
        batch(1, true);
        now = now.plus(Duration.ofSeconds(119));
        assertThat(failed.failing("activities")).isTrue();
        now = now.plus(Duration.ofSeconds(2));
        assertThat(failed.failing("activities")).isFalse();
    }

    /** A batch of two events of one segment, as a pooled processor runs it, that fails or commits. */
    private void batch(int segment, boolean fails) {
        List<EventMessage<?>> events = List.of(GenericEventMessage.asEventMessage("one"),
                GenericEventMessage.asEventMessage("two"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.resources().put("Processor[activities]/SegmentId", segment);
        try {
            unitOfWork.executeWithResult(() -> {
                activities.handle(unitOfWork, () -> null);
                if (fails) {
                    throw new IllegalStateException("the read model could not be written");
                }
                return null;
            });
        } catch (Exception expected) {
            assertThat(fails).as("only the failing batch throws").isTrue();
        }
    }
}

package se.medborgarlofte.query.activity;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static se.medborgarlofte.query.activity.ActivityProjectionTest.details;

/**
 * The activity log as a tracking processor feeds it: batches of events in one unit of work, written with one bulk
 * write after the batch's last event. Nothing is visible before, a failed batch writes nothing, and a batch
 * delivered again (after a crash between the write and the token) changes nothing.
 */
class ActivityProjectionBatchTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final ActivityProjection projection = new ActivityProjection(support.mongo, null);
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    final ActivityLog log = new ActivityLog(support.mongo);
    final PromiseId promise = new PromiseId("p1");

    @AfterEach
    void close() {
        support.close();
    }

    EventMessage<?> event(long sequence, PromiseEvent payload) {
        return new GenericDomainEventMessage<>("Promise", promise.value(), sequence, payload,
                Map.of(EventMetadataKeys.USER_ID, "anna"));
    }

    ActivityRecorded recorded(String id, String place) {
        return new ActivityRecorded(promise, new ActivityId(id), details(LocalDate.of(2025, 2, 1), place), false);
    }

    /** Runs the batch as a processor does; {@code beforeEach} sees the read model before each event is handled. */
    Throwable process(List<EventMessage<?>> batch, Consumer<EventMessage<?>> beforeEach) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        FlushAtEndOfBatch flush = new FlushAtEndOfBatch();
        return unitOfWork.executeWithResult(() -> flush.handle(unitOfWork, () -> {
            beforeEach.accept(unitOfWork.getMessage());
            return handlers.handle(unitOfWork.getMessage());
        }), RollbackConfigurationType.ANY_THROWABLE).optionalExceptionResult().orElse(null);
    }

    /** An ActivityRecorded whose payload can't be read, as a newer writer's or a damaged one would be. */
    EventMessage<?> unreadable(long sequence) {
        return new GenericDomainEventMessage<>("Promise", promise.value(), sequence,
                recorded("broken", "Okänd"), Map.of()) {
            @Override
            public ActivityRecorded getPayload() {
                throw new SerializationException("Error while deserializing payload");
            }
        };
    }

    long stored() {
        return support.mongo.getCollection("activities").countDocuments();
    }

    @Test
    void aBatchIsWrittenOnceItsLastEventIsHandled() {
        List<Long> seen = new ArrayList<>();
        Throwable failure = process(List.of(
                event(3, recorded("a1", "Storgatan")),
                event(4, recorded("a2", "Torget")),
                event(5, new ActivityCorrected(promise, new ActivityId("a1"), details(LocalDate.of(2025, 2, 3),
                        "Ringvägen"), "Fel plats")),
                event(6, new ActivityRetracted(promise, new ActivityId("a2"), "Dubblett")),
                event(3, recorded("a1", "Storgatan"))), message -> seen.add(stored()));

        assertThat(failure).isNull();
        assertThat(seen).containsOnly(0L);
        assertThat(log.find("p1", ActivityLog.Filter.counting())).singleElement().satisfies(a -> {
            assertThat(a.place).isEqualTo("Ringvägen");
            assertThat(a.corrections).isEqualTo(1);
            assertThat(a.lastSequence).isEqualTo(5);
        });
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void anUnreadableEventInTheBatchIsItsOwnProblemAndTheOthersAreApplied() {
        List<EventMessage<?>> problems = new ArrayList<>();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(
                unreadable(3), event(4, recorded("a2", "Torget"))));
        FlushAtEndOfBatch flush = new FlushAtEndOfBatch();
        Throwable failure = unitOfWork.executeWithResult(() -> flush.handle(unitOfWork, () -> {
            try {
                return handlers.handle(unitOfWork.getMessage());
            } catch (SerializationException e) {
                // what the read models' error handler does with an unreadable event: record it, go on
                problems.add(unitOfWork.getMessage());
                return null;
            }
        }), RollbackConfigurationType.ANY_THROWABLE).optionalExceptionResult().orElse(null);

        assertThat(failure).isNull();
        assertThat(problems).extracting(EventMessage::getIdentifier)
                .containsExactly(unitOfWork.getMessages().get(0).getIdentifier());
        assertThat(log.find("p1", ActivityLog.Filter.counting())).singleElement()
                .satisfies(a -> assertThat(a.activityId).isEqualTo("a2"));
    }

    @Test
    void aFailedBatchWritesNothingAndItsRedeliveryCountsEachEventOnce() {
        List<EventMessage<?>> batch = List.of(
                event(3, recorded("a1", "Storgatan")),
                event(4, recorded("a2", "Torget")),
                event(5, new ActivityCorrected(promise, new ActivityId("a3"), details(LocalDate.of(2025, 2, 3),
                        "Ringvägen"), "Finns inte")));
        assertThat(process(batch, message -> { })).hasMessageContaining("no read model yet");
        assertThat(stored()).isZero();

        assertThat(process(batch.subList(0, 2), message -> { })).isNull();
        List<EventMessage<?>> next = new ArrayList<>(batch.subList(0, 2));
        next.add(event(5, new ActivityCorrected(promise, new ActivityId("a1"), details(LocalDate.of(2025, 2, 3),
                "Ringvägen"), "Fel plats")));
        assertThat(process(next, message -> { })).isNull();

        assertThat(log.find("p1", ActivityLog.Filter.counting())).hasSize(2)
                .filteredOn(a -> a.activityId.equals("a1")).singleElement()
                .satisfies(a -> assertThat(a.corrections).isEqualTo(1));
    }

    /** Many activities of one promise in batches of a hundred, as a replay delivers them: each counted once. */
    @Test
    void aTallyCountsEveryActivityOfItsBatches() {
        long sequence = 0;
        for (int batch = 0; batch < 20; batch++) {
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                events.add(event(sequence++, new ActivityRecorded(promise, new ActivityId("a" + n),
                        details(LocalDate.of(2025, 1, 1).plusDays(n * 7L % 300), "Plats " + n), false)));
            }
            assertThat(process(events, message -> { })).isNull();
        }
        se.medborgarlofte.query.tally.PromiseTally tally = new se.medborgarlofte.query.tally.TallyStore(support.mongo)
                .find("p1").orElseThrow();
        int counted = 0;
        for (String commitment : tally.tally.commitmentIds()) {
            for (var cell : tally.tally.cells(commitment)) {
                counted += cell.activities();
            }
        }
        assertThat(stored()).isEqualTo(2000);
        assertThat(counted).as("activities in the tally").isEqualTo(2000 * tally.tally.commitmentIds().size());
        assertThat(tally.lastSequence).isEqualTo(1999);
    }
}

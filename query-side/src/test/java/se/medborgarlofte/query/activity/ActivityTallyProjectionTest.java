package se.medborgarlofte.query.activity;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.tally.ActivityTally.Cell;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tally the activity projection keeps per promise, which progress is computed from: each activity that counts
 * is in it once, where its latest correction puts it, and not at all once retracted, whatever is delivered twice
 * and wherever a crash falls between the writes of a batch.
 */
class ActivityTallyProjectionTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final ActivityProjection projection = new ActivityProjection(support.mongo, null);
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    final TallyStore tallies = new TallyStore(support.mongo);
    final PromiseId promise = new PromiseId("p1");
    final Instant now = Instant.parse("2025-03-01T10:00:00Z");

    @AfterEach
    void close() {
        support.close();
    }

    static ActivityDetails details(ActivityKind kind, String day, int vehicles, String... commitments) {
        return new ActivityDetails(kind, LocalDate.parse(day), "Storgatan", Party.POLICE,
                List.of(commitments).stream().map(CommitmentId::new).toList(), List.of(),
                Map.of("vehiclesChecked", vehicles), "");
    }

    ActivityRecorded recorded(String id, ActivityDetails details) {
        return new ActivityRecorded(promise, new ActivityId(id), details, false);
    }

    EventMessage<?> event(long sequence, PromiseEvent payload) {
        return new GenericDomainEventMessage<>("Promise", promise.value(), sequence, payload,
                Map.of(EventMetadataKeys.USER_ID, "anna"), "event-" + sequence, now.plusSeconds(sequence));
    }

    void process(List<EventMessage<?>> batch) {
        ProjectionTestSupport.processBatch(handlers, batch);
    }

    PromiseTally stored() {
        return tallies.find("p1").orElseThrow();
    }

    @Test
    void anActivityDeliveredTwiceIsTalliedOnce() {
        projection.on(recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1")), 3, now, "anna");
        projection.on(recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1")), 3, now, "anna");
        projection.on(recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 12, "c1")), 4, now, "anna");

        assertThat(stored().tally.cells("c1")).singleElement().satisfies(cell -> {
            assertThat(cell.activities()).isEqualTo(2);
            assertThat(cell.sum("vehiclesChecked")).isEqualTo(42);
        });
        assertThat(stored().lastSequence).isEqualTo(4);
    }

    @Test
    void aCorrectionMovesTheActivityAndARetractionTakesItBack() {
        projection.on(recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1")), 3, now, "anna");
        projection.on(recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 10, "c1")), 4, now, "anna");
        projection.on(new ActivityCorrected(promise, new ActivityId("a1"),
                details(ActivityKind.SAFETY_WALK, "2025-04-09", 0, "c2"), "Fel dag"), 5, now);
        projection.on(new ActivityRetracted(promise, new ActivityId("a2"), "Dubblett"), 6, now.plusSeconds(60));
        // older events again: nothing changes
        projection.on(recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 10, "c1")), 4, now, "anna");
        projection.on(new ActivityCorrected(promise, new ActivityId("a1"),
                details(ActivityKind.SAFETY_WALK, "2025-04-09", 0, "c2"), "Fel dag"), 5, now);

        PromiseTally tally = stored();
        assertThat(tally.tally.commitmentIds()).as("nothing is left on c1").containsExactly("c2");
        assertThat(tally.tally.cells("c2")).extracting(Cell::kind, Cell::day, Cell::activities)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ActivityKind.SAFETY_WALK,
                        LocalDate.parse("2025-04-09"), 1));
        assertThat(tally.lastSequence).isEqualTo(6);
        assertThat(tally.lastChangedAt).isEqualTo(now.plusSeconds(60));
        assertThat(tally.tally).isEqualTo(TallyBackfill.countFromActivities(support.mongo).get("p1").tally);
    }

    @Test
    void aCrashAfterTheTallyWasWrittenButBeforeTheActivitiesWereLeavesNothingCountedTwice() {
        List<EventMessage<?>> first = List.of(
                event(3, recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1"))),
                event(4, recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-02", 10, "c1"))));
        process(first);
        List<Document> activitiesBefore = support.mongo.getCollection("activities").find().into(new ArrayList<>());
        List<EventMessage<?>> second = List.of(
                event(5, new ActivityCorrected(promise, new ActivityId("a1"),
                        details(ActivityKind.TRAFFIC_CONTROL, "2025-03-01", 31, "c1", "c2"), "Fel dag")),
                event(6, recorded("a3", details(ActivityKind.TRAFFIC_CONTROL, "2025-03-01", 5, "c2"))),
                event(7, new ActivityRetracted(promise, new ActivityId("a2"), "Dubblett")),
                event(8, new ActivityCorrected(promise, new ActivityId("a1"),
                        details(ActivityKind.TRAFFIC_CONTROL, "2025-03-02", 32, "c2"), "Fel igen")));
        process(second);
        ActivityTally expected = stored().tally;

        // the crash: the tally's bulk write went through, the activities' did not, and no token was stored
        support.mongo.getCollection("activities").deleteMany(new Document());
        support.mongo.getCollection("activities").insertMany(activitiesBefore);
        process(second);

        assertThat(stored().tally).isEqualTo(expected);
        assertThat(stored().lastSequence).isEqualTo(8);
        assertThat(TallyBackfill.countFromActivities(support.mongo).get("p1").tally)
                .as("the activity documents caught up with the tally").isEqualTo(expected);
        assertThat(expected.cells("c2")).extracting(Cell::day, Cell::activities).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-03-01"), 1),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-03-02"), 1));
        assertThat(expected.cells("c1")).isEmpty();
    }

    /**
     * A batch whose activities are new is handled without reading their documents (its promise's tally is behind
     * it); delivered again after both its writes went through, it reads them and changes nothing.
     */
    @Test
    void aBatchDeliveredAgainAfterBothItsWritesChangesNothing() {
        List<EventMessage<?>> batch = List.of(
                event(3, recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1"))),
                event(4, recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-02", 10, "c1"))),
                event(5, new ActivityCorrected(promise, new ActivityId("a1"),
                        details(ActivityKind.TRAFFIC_CONTROL, "2025-03-01", 31, "c2"), "Fel dag")));
        process(batch);
        List<Document> activities = support.mongo.getCollection("activities").find().into(new ArrayList<>());
        PromiseTally tally = stored();

        // the crash: both bulk writes went through, the token was not stored
        process(batch);

        assertThat(support.mongo.getCollection("activities").find().into(new ArrayList<>())).isEqualTo(activities);
        assertThat(stored().tally).isEqualTo(tally.tally);
        assertThat(stored().lastSequence).isEqualTo(5);
        assertThat(activities).hasSize(2);
        assertThat(tally.tally.cells("c1")).extracting(Cell::activities).containsExactly(1);
        assertThat(tally.tally.cells("c2")).extracting(Cell::activities).containsExactly(1);
    }

    @Test
    void tallyingStartsFromTheActivityDocumentsWhereTheyCameFirst() {
        process(List.of(
                event(3, recorded("a1", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-01", 30, "c1"))),
                event(4, recorded("a2", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-02", 10, "c1"))),
                event(5, new ActivityRetracted(promise, new ActivityId("a2"), "Dubblett"))));
        PromiseTally kept = stored();
        // a database from before tallies: activity documents, no tallies
        support.mongo.dropCollection(TallyStore.COLLECTION);

        new TallyBackfill(support.mongo, tallies).afterPropertiesSet();

        assertThat(stored().tally).isEqualTo(kept.tally);
        assertThat(stored().lastSequence).isEqualTo(5);
        assertThat(stored().lastChangedAt).isEqualTo(kept.lastChangedAt);
        assertThat(tallies.backfilled()).isTrue();

        // counted once: the next start leaves the tallies to the projection
        process(List.of(event(6, recorded("a3", details(ActivityKind.TRAFFIC_CONTROL, "2025-02-03", 1, "c1")))));
        new TallyBackfill(support.mongo, tallies).afterPropertiesSet();
        assertThat(stored().tally.cells("c1")).hasSize(2);
        assertThat(tallies.findAll()).containsOnlyKeys("p1");
    }
}

package se.medborgarlofte.query.activity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityProjectionTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final ActivityProjection projection = new ActivityProjection(support.mongo, null);
    final ActivityLog log = new ActivityLog(support.mongo);
    final PromiseId promise = new PromiseId("p1");
    final Instant now = Instant.parse("2025-03-01T10:00:00Z");

    @AfterEach
    void close() {
        support.close();
    }

    static ActivityDetails details(LocalDate occurredOn, String place) {
        return new ActivityDetails(ActivityKind.TRAFFIC_CONTROL, occurredOn, place, Party.POLICE,
                List.of(new CommitmentId("c1")), List.of("Kommunpolis"), Map.of("vehiclesChecked", 30), "");
    }

    ActivityRecorded recorded(String id, LocalDate occurredOn) {
        return new ActivityRecorded(promise, new ActivityId(id), details(occurredOn, "Storgatan"), false);
    }

    @Test
    void anActivityDeliveredTwiceIsCountedOnce() {
        projection.on(recorded("a1", LocalDate.of(2025, 2, 1)), 3, now, "anna");
        projection.on(recorded("a1", LocalDate.of(2025, 2, 1)), 3, now, "anna");
        projection.on(recorded("a2", LocalDate.of(2025, 2, 2)), 4, now, "anna");

        assertThat(log.find("p1", ActivityLog.Filter.counting())).hasSize(2);
    }

    @Test
    void aRedeliveredRecordingDoesNotUndoACorrectionOrRetraction() {
        ActivityRecorded recorded = recorded("a1", LocalDate.of(2025, 2, 1));
        projection.on(recorded, 3, now, "anna");
        projection.on(new ActivityCorrected(promise, new ActivityId("a1"), details(LocalDate.of(2025, 2, 3), "Torget"),
                "Fel plats"), 5, now);
        projection.on(recorded, 3, now, "anna");
        projection.on(new ActivityCorrected(promise, new ActivityId("a1"), details(LocalDate.of(2025, 2, 3), "Torget"),
                "Fel plats"), 5, now);

        ActivityDocument document = log.find("p1", ActivityLog.Filter.counting()).get(0);
        assertThat(document.place).isEqualTo("Torget");
        assertThat(document.corrections).isEqualTo(1);

        projection.on(new ActivityRetracted(promise, new ActivityId("a1"), "Dubblett"), 6, now);
        projection.on(recorded, 3, now, "anna");
        assertThat(log.find("p1", ActivityLog.Filter.counting())).isEmpty();
        assertThat(log.find("p1", new ActivityLog.Filter(null, null, null, null, null, null, true)))
                .singleElement().satisfies(a -> assertThat(a.retractionReason).isEqualTo("Dubblett"));
    }

    @Test
    void activitiesOfAnotherPromiseWithTheSameIdAreKeptApart() {
        projection.on(recorded("a1", LocalDate.of(2025, 2, 1)), 3, now, "anna");
        projection.on(new ActivityRecorded(new PromiseId("p2"), new ActivityId("a1"),
                details(LocalDate.of(2025, 2, 1), "Annanstans"), false), 1, now, "bo");

        assertThat(log.find("p1", ActivityLog.Filter.counting())).singleElement()
                .satisfies(a -> assertThat(a.place).isEqualTo("Storgatan"));
        assertThat(log.find("p2", ActivityLog.Filter.counting())).singleElement()
                .satisfies(a -> assertThat(a.place).isEqualTo("Annanstans"));
    }
}

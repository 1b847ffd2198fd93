package se.medborgarlofte.query.activity;

import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One entry of the activity log. {@code example} marks invented demo data. */
public record ActivityView(String activityId, ActivityKind kind, LocalDate occurredOn, String place,
                           String publicPlace, String municipality, String causedBy, Party performedBy, List<String> commitmentIds, List<String> participants,
                           Map<String, Integer> outcomes, String notes, boolean example, boolean retracted,
                           String retractionReason, int corrections, Instant recordedAt, String recordedBy,
                           Instant lastChangedAt)
        implements ActivityEntry {

    public static ActivityView of(ActivityDocument a) {
        return new ActivityView(a.activityId, a.kind, a.occurredOn, a.place, a.publicPlace, a.municipality,
                a.causedBy, a.performedBy, a.commitmentIds,
                a.participants, a.outcomes, a.notes, a.example, a.retracted, a.retractionReason, a.corrections,
                a.recordedAt, a.recordedBy, a.lastChangedAt);
    }
}

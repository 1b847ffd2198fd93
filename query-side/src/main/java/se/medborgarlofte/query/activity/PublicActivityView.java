package se.medborgarlofte.query.activity;

import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An activity as citizens see it: what, when, where (the coarser public place where one was given), by which side, with the measured outcomes, and when it was
 * recorded and last changed (for feeds). No notes, no participants' names, nobody's identity.
 */
public record PublicActivityView(String activityId, ActivityKind kind, LocalDate occurredOn, String place,
                                 String municipality, Party performedBy, List<String> commitmentIds, Map<String, Integer> outcomes,
                                 boolean example, boolean retracted, Instant recordedAt, Instant lastChangedAt)
        implements ActivityEntry {

    static PublicActivityView of(ActivityDocument a) {
        return new PublicActivityView(a.activityId, a.kind, a.occurredOn, a.placeForPublic(), a.municipality, a.performedBy, a.commitmentIds,
                a.outcomes, a.example, a.retracted, a.recordedAt, a.lastChangedAt);
    }
}

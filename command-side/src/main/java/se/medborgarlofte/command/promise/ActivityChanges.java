package se.medborgarlofte.command.promise;

import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.Party;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The fields a correction changes; {@code null} keeps the recorded value. */
public record ActivityChanges(
        ActivityKind kind,
        LocalDate occurredOn,
        String place,
        Party performedBy,
        List<CommitmentId> commitmentIds,
        List<String> participants,
        Map<String, Integer> outcomes,
        String notes,
        String municipality,
        String publicPlace,
        String causedBy,
        Boolean completes) {

    /** Changes to the fields an activity had from the start. */
    public ActivityChanges(ActivityKind kind, LocalDate occurredOn, String place, Party performedBy,
                           List<CommitmentId> commitmentIds, List<String> participants, Map<String, Integer> outcomes,
                           String notes) {
        this(kind, occurredOn, place, performedBy, commitmentIds, participants, outcomes, notes, null, null, null, null);
    }

    public ActivityDetails applyTo(ActivityDetails current) {
        return new ActivityDetails(
                kind != null ? kind : current.kind(),
                occurredOn != null ? occurredOn : current.occurredOn(),
                place != null ? place : current.place(),
                performedBy != null ? performedBy : current.performedBy(),
                commitmentIds != null ? commitmentIds : current.commitmentIds(),
                participants != null ? participants : current.participants(),
                outcomes != null ? outcomes : current.outcomes(),
                notes != null ? notes : current.notes(),
                municipality != null ? municipality : current.municipality(),
                publicPlace != null ? publicPlace : current.publicPlace(),
                causedBy != null ? causedBy : current.causedBy(),
                completes != null ? completes : current.completes());
    }
}

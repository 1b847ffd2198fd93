package se.medborgarlofte.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What was done, when, where and by whom; recorded once, replaced as a whole by a correction. */
public record ActivityDetails(
        ActivityKind kind,
        LocalDate occurredOn,
        String place,
        Party performedBy,
        List<CommitmentId> commitmentIds,
        List<String> participants,
        Map<String, Integer> outcomes,
        String notes) {

    public ActivityDetails {
        commitmentIds = List.copyOf(commitmentIds);
        participants = participants == null ? List.of() : List.copyOf(participants);
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }
}

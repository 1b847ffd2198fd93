package se.medborgarlofte.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What was done, when, where and by whom; recorded once, replaced as a whole by a correction. {@code municipality}
 * is one of the promise's (null where it has one, and in records stored before it existed); {@code publicPlace} is
 * a coarser place to publish where the exact one should not be ("Centrum"); {@code causedBy} names the lägesbild
 * (an activity id) or finding that led to this activity; {@code completes} says that it completed the milestones
 * it counts for.
 */
public record ActivityDetails(
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
        boolean completes) {

    public ActivityDetails {
        commitmentIds = List.copyOf(commitmentIds);
        participants = participants == null ? List.of() : List.copyOf(participants);
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }

    /** An activity without municipality, public place or cause, as activities were first recorded. */
    public ActivityDetails(ActivityKind kind, LocalDate occurredOn, String place, Party performedBy,
                           List<CommitmentId> commitmentIds, List<String> participants, Map<String, Integer> outcomes,
                           String notes) {
        this(kind, occurredOn, place, performedBy, commitmentIds, participants, outcomes, notes, null, null, null, false);
    }

    /** The place as it may be published: the public place where one is given. */
    public String placeForPublic() {
        return placeForPublic(place, publicPlace);
    }

    /** The public place where one is given, else the place: the one rule for every view of an activity. */
    public static String placeForPublic(String place, String publicPlace) {
        return publicPlace != null && !publicPlace.isBlank() ? publicPlace : place;
    }
}

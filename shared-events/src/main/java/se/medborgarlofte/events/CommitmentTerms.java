package se.medborgarlofte.events;

import java.util.Set;

/**
 * What a commitment promises. {@code target} is null for commitments followed by assessments.
 * {@code countedKinds} are the activity kinds that count towards it.
 */
public record CommitmentTerms(
        String title,
        String description,
        Party owner,
        String focusArea,
        Set<ActivityKind> countedKinds,
        Integer target) {

    public CommitmentTerms {
        countedKinds = Set.copyOf(countedKinds);
    }

    public boolean counts(ActivityKind kind) {
        return countedKinds.contains(kind);
    }
}

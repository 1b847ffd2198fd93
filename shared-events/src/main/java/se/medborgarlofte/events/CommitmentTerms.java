package se.medborgarlofte.events;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

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

    /** Kinds in their declared order, so that every process lists them alike. */
    public CommitmentTerms {
        countedKinds = Collections.unmodifiableSet(new TreeSet<>(countedKinds));
    }

    public boolean counts(ActivityKind kind) {
        return countedKinds.contains(kind);
    }
}

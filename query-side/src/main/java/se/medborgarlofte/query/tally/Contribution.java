package se.medborgarlofte.query.tally;

import se.medborgarlofte.events.ActivityKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one activity that counts (one that is not retracted) adds to its promise's {@link ActivityTally}: one
 * activity of its kind on its day, in its municipality, for each commitment it names, with its outcome figures and
 * whether it completes the commitments' milestones. A commitment named twice counts once.
 */
public record Contribution(ActivityKind kind, LocalDate occurredOn, List<String> commitmentIds, String municipality,
                           Map<String, Integer> outcomes, boolean completes) {

    public Contribution {
        commitmentIds = commitmentIds == null ? List.of() : commitmentIds.stream().distinct().toList();
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }
}

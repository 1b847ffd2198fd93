package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.timeline.PromiseState;

import java.time.LocalDate;
import java.util.List;

/**
 * What the progress calculation takes (the active commitments, each with its latest assessment by a date, and what
 * the activities that count add up to), built from either of the two places a promise can be read: today's read
 * models (the promise's tally), or the promise's state folded from its events up to a moment ({@code knownAt}).
 */
final class ProgressInputs {

    /** {@code municipalities} are the promise's; {@code activities} the tally of those that count. */
    record Inputs(List<String> municipalities, List<Commitment> commitments, ActivityTally activities) {

        /** From a list of the activities that count (not retracted). */
        Inputs(List<String> municipalities, List<Commitment> commitments, List<Activity> activities) {
            this(municipalities, commitments, ProgressCalculator.tally(activities));
        }
    }

    private ProgressInputs() {
    }

    /** From the read models: {@code tally} is the promise's. */
    static Inputs fromReadModels(PromiseDocument promise, ActivityTally tally, LocalDate asOf) {
        return new Inputs(promise.municipalities, promise.commitments.stream()
                .filter(c -> !c.withdrawn)
                .map(c -> commitment(c.commitmentId, c.terms(), c.assessments.stream()
                        .map(a -> new Assessment(a.assessedOn(), a.status(), a.rationale())).toList(), asOf))
                .toList(), tally);
    }

    /** From a promise's state at a moment. */
    static Inputs fromState(PromiseState state, LocalDate asOf) {
        return new Inputs(state.terms.municipalities(), state.commitments.entrySet().stream()
                .filter(entry -> !entry.getValue().withdrawn)
                .map(entry -> commitment(entry.getKey(), entry.getValue().terms, entry.getValue().assessments.stream()
                        .map(a -> new Assessment(a.assessedOn(), a.status(), a.rationale())).toList(), asOf))
                .toList(),
                state.activities.values().stream()
                        .filter(a -> !a.retracted)
                        .map(a -> activity(a.details))
                        .toList());
    }

    private static Activity activity(ActivityDetails details) {
        return new Activity(details.kind(), details.occurredOn(),
                details.commitmentIds().stream().map(CommitmentId::value).toList(), details.municipality(),
                details.outcomes(), details.completes());
    }

    /** The latest assessment made by {@code asOf}; assessments come in the order they were recorded. */
    private static Commitment commitment(String id, CommitmentTerms terms, List<Assessment> assessments,
                                         LocalDate asOf) {
        Assessment latest = null;
        for (Assessment assessment : assessments) {
            if (!assessment.assessedOn().isAfter(asOf)
                && (latest == null || !assessment.assessedOn().isBefore(latest.assessedOn()))) {
                latest = assessment;
            }
        }
        return new Commitment(id, terms, latest);
    }
}

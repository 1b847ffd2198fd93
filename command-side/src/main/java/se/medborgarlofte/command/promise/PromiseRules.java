package se.medborgarlofte.command.promise;

import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.OutcomeMeasure;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.events.PromiseTerms;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static se.medborgarlofte.command.promise.PromiseRejected.broken;
import static se.medborgarlofte.command.promise.PromiseRejected.invalid;

/** The rules that judge a promise's terms, a commitment's terms and an activity, given the promise's state. */
final class PromiseRules {

    private PromiseRules() {
    }

    /** Rule 1. */
    static void checkTerms(PromiseTerms terms) {
        if (terms.validTo().isBefore(terms.validFrom())) {
            throw broken(Rule.INVALID_PERIOD, "perioden slutar före den börjar");
        }
        if (terms.validTo().isAfter(terms.validFrom().plusYears(3))) {
            throw broken(Rule.INVALID_PERIOD, "perioden är längre än tre år");
        }
        if (terms.signedOn().isAfter(terms.validTo())) {
            throw broken(Rule.INVALID_PERIOD, "löftet undertecknades efter att perioden slutat");
        }
        Set<String> codes = new HashSet<>();
        for (FocusArea area : terms.focusAreas()) {
            if (!codes.add(area.code())) {
                throw broken(Rule.DUPLICATE_FOCUS_AREA, area.code());
            }
        }
    }

    /** Rule 2. */
    static void checkCommitmentTerms(PromiseTerms promise, CommitmentTerms commitment) {
        if (commitment.target() != null && commitment.target() <= 0) {
            throw broken(Rule.TARGET_NOT_POSITIVE, commitment.target());
        }
        if (commitment.countedKinds().isEmpty()) {
            throw broken(Rule.NO_COUNTED_KINDS);
        }
        if (!promise.hasFocusArea(commitment.focusArea())) {
            throw broken(Rule.UNKNOWN_FOCUS_AREA, commitment.focusArea());
        }
        checkShape(promise, commitment);
        for (String municipality : commitment.municipalities()) {
            requireMunicipality(promise.municipalities(), municipality);
        }
        for (String municipality : commitment.municipalityTargets().keySet()) {
            requireMunicipality(commitment.municipalities().isEmpty() ? promise.municipalities()
                    : commitment.municipalities(), municipality);
        }
        String measure = commitment.targetMeasure();
        if (measure != null && commitment.countedKinds().stream().noneMatch(k -> OutcomeMeasures.declares(k, measure))) {
            throw broken(Rule.UNKNOWN_OUTCOME_MEASURE, measure);
        }
    }

    /** Rules 9 and 14: an amendment keeps every focus area and municipality an active commitment uses. */
    static void checkCommitmentsStillFit(PromiseTerms amended, Map<String, Promise.CommitmentState> commitments) {
        commitments.forEach((id, commitment) -> {
            if (commitment.withdrawn()) {
                return;
            }
            if (!amended.hasFocusArea(commitment.terms().focusArea())) {
                throw broken(Rule.FOCUS_AREA_IN_USE, commitment.terms().focusArea(), id);
            }
            commitment.terms().municipalities().stream().filter(m -> !amended.hasMunicipality(m)).findFirst()
                    .ifPresent(m -> {
                        throw broken(Rule.MUNICIPALITY_IN_USE, m, id);
                    });
        });
    }

    /** Rule 2b: each shape has its own fields, and only those. */
    private static void checkShape(PromiseTerms promise, CommitmentTerms commitment) {
        CommitmentShape shape = commitment.shape();
        if (shape == CommitmentShape.CADENCE && commitment.cadence() == null) {
            throw broken(Rule.CADENCE_REQUIRED);
        }
        if (shape == CommitmentShape.MILESTONE && (commitment.dueOn() == null || !promise.covers(commitment.dueOn()))) {
            throw broken(Rule.DUE_DATE_REQUIRED, promise.validFrom(), promise.validTo());
        }
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put("target", commitment.target() != null && shape != CommitmentShape.COUNT);
        present.put("targetMeasure", commitment.targetMeasure() != null && shape != CommitmentShape.COUNT);
        present.put("municipalityTargets", !commitment.municipalityTargets().isEmpty() && shape != CommitmentShape.COUNT);
        present.put("cadence", commitment.cadence() != null && shape != CommitmentShape.CADENCE);
        present.put("dueOn", commitment.dueOn() != null && shape != CommitmentShape.MILESTONE);
        present.forEach((field, misplaced) -> {
            if (misplaced) {
                throw broken(Rule.FIELD_NOT_FOR_SHAPE, field, shape);
            }
        });
    }

    private static void requireMunicipality(List<String> allowed, String municipality) {
        if (allowed.stream().noneMatch(municipality.strip()::equalsIgnoreCase)) {
            throw broken(Rule.UNKNOWN_MUNICIPALITY, municipality, String.join(", ", allowed));
        }
    }

    /**
     * Rule 13: a new record reports only the outcome measures its kind declares. {@code known} keys (those of the
     * record as stored, which may predate the catalogue) stay accepted.
     */
    static void checkOutcomes(ActivityDetails details, Set<String> known) {
        for (String key : details.outcomes().keySet()) {
            if (!known.contains(key) && !OutcomeMeasures.declares(details.kind(), key)) {
                throw invalid("outcomes." + key, Rule.UNKNOWN_OUTCOME, key, details.kind(),
                        String.join(", ", OutcomeMeasures.of(details.kind()).stream().map(OutcomeMeasure::key).toList()));
            }
        }
    }

    /**
     * Rules 3–5 and 8. {@code alreadyLinked} commitments may have been withdrawn since; the link stays valid.
     * {@code fitKnown} commitments were already checked for performer and kind.
     */
    static void checkActivity(PromiseTerms terms, Map<String, Promise.CommitmentState> commitments,
                              ActivityDetails details, Set<CommitmentId> alreadyLinked, Set<CommitmentId> fitKnown,
                              Clock clock) {
        ensureInPeriod(terms, details.occurredOn(), clock);
        checkMunicipality(terms, details.municipality());
        if (details.commitmentIds().isEmpty()) {
            throw broken(Rule.NO_COMMITMENTS);
        }
        if (new HashSet<>(details.commitmentIds()).size() != details.commitmentIds().size()) {
            throw broken(Rule.DUPLICATE_LINK);
        }
        for (CommitmentId commitmentId : details.commitmentIds()) {
            Promise.CommitmentState commitment = commitments.get(commitmentId.value());
            if (commitment == null) {
                throw broken(Rule.UNKNOWN_COMMITMENT, commitmentId);
            }
            if (commitment.withdrawn() && !alreadyLinked.contains(commitmentId)) {
                throw broken(Rule.COMMITMENT_WITHDRAWN, commitmentId);
            }
            if (fitKnown.contains(commitmentId)) {
                continue;
            }
            if (!details.performedBy().fits(commitment.terms().owner())) {
                throw broken(Rule.PERFORMER_MISMATCH, details.performedBy(), commitmentId,
                        commitment.terms().owner());
            }
            if (!commitment.terms().counts(details.kind())) {
                throw broken(Rule.KIND_NOT_COUNTED, details.kind(), commitmentId);
            }
            if (!commitment.terms().appliesTo(details.municipality())) {
                throw broken(Rule.NOT_FOR_MUNICIPALITY, commitmentId, details.municipality());
            }
        }
    }

    /** Rule 14: an activity names one of the promise's municipalities, and must where there are several. */
    private static void checkMunicipality(PromiseTerms terms, String municipality) {
        if (municipality == null) {
            if (terms.municipalities().size() > 1) {
                throw broken(Rule.MUNICIPALITY_REQUIRED, String.join(", ", terms.municipalities()));
            }
            return;
        }
        requireMunicipality(terms.municipalities(), municipality);
    }

    /** Rule 3: inside the period and not after today (Stockholm time, through the clock). */
    static void ensureInPeriod(PromiseTerms terms, LocalDate date, Clock clock) {
        if (!terms.covers(date)) {
            throw broken(Rule.OUTSIDE_PERIOD, date, terms.validFrom(), terms.validTo());
        }
        ensureNotInFuture(date, clock);
    }

    static void ensureNotInFuture(LocalDate date, Clock clock) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw broken(Rule.IN_FUTURE, date);
        }
    }

    /** Rule 7. */
    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw broken(Rule.REASON_REQUIRED);
        }
    }
}

package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;
import se.medborgarlofte.query.tally.ActivityTally;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How each municipality of a promise is doing: per municipality, the commitments that apply to it, counting only
 * the activities done there, against the commitment's target for that municipality where it has one (a
 * commitment without one is counted but has no status there; assessments are of the whole commitment and are not
 * repeated per municipality). Empty for a promise of one municipality: its total says it all.
 */
final class MunicipalityProgress {

    private MunicipalityProgress() {
    }

    static List<RollUp> rollUps(ProgressInputs.Inputs inputs, Period period, LocalDate asOf) {
        if (inputs.municipalities() == null || inputs.municipalities().size() < 2) {
            return List.of();
        }
        List<RollUp> rollUps = new ArrayList<>();
        for (String municipality : inputs.municipalities()) {
            ActivityTally there = inputs.activities().inMunicipality(municipality);
            List<CommitmentProgress> members = inputs.commitments().stream()
                    .filter(c -> c.terms().appliesTo(municipality))
                    .map(c -> ProgressCalculator.progress(forMunicipality(c, municipality), there, period, asOf))
                    .toList();
            rollUps.add(ProgressCalculator.rollUp(municipality, members));
        }
        return rollUps;
    }

    private static Commitment forMunicipality(Commitment commitment, String municipality) {
        CommitmentTerms t = commitment.terms();
        Integer target = t.shape() == CommitmentShape.COUNT ? t.municipalityTargets().get(municipality) : null;
        CommitmentShape shape = t.shape() == CommitmentShape.COUNT || t.shape() == CommitmentShape.AS_NEEDED
                ? t.shape() : CommitmentShape.AS_NEEDED;
        CommitmentTerms local = new CommitmentTerms(t.title(), t.description(), t.owner(), t.focusArea(),
                t.countedKinds(), target, shape, null, null, List.of(municipality), t.municipalityTargets(),
                t.targetMeasure(), t.targetSource());
        return new Commitment(commitment.commitmentId(), local, null);
    }
}

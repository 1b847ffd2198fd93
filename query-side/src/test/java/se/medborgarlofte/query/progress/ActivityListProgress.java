package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.MonthProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress computed the way it was before tallies: from the list of every activity that counts, filtered and
 * summed on each request. Kept as the reference that progress from a tally must equal ({@code TallyProgressPropertiesTest});
 * the code is the former {@code ProgressCalculator.progress}, {@code ShapeJudgements}, {@code OutcomeSums} and
 * {@code MunicipalityProgress}, unchanged but for their names.
 */
final class ActivityListProgress {

    private ActivityListProgress() {
    }

    /** Per commitment, then per municipality, as the progress endpoint composes them. */
    record Answer(List<CommitmentProgress> commitments, List<RollUp> byMunicipality) {
    }

    static Answer answer(List<String> municipalities, List<Commitment> commitments, List<Activity> activities,
                         Period period, LocalDate asOf) {
        return new Answer(commitments.stream().map(c -> progress(c, activities, period, asOf)).toList(),
                municipalityRollUps(municipalities, commitments, activities, period, asOf));
    }

    static CommitmentProgress progress(Commitment commitment, Collection<Activity> activities, Period period,
                                       LocalDate asOf) {
        CommitmentTerms terms = commitment.terms();
        List<Activity> counted = activities.stream().filter(a -> counts(commitment, a, period, asOf)).toList();
        String measure = terms.targetMeasure();
        Map<YearMonth, Integer> perMonth = new LinkedHashMap<>();
        int done = 0;
        for (Activity activity : counted) {
            int amount = measure == null ? 1 : activity.outcomes().getOrDefault(measure, 0);
            done += amount;
            perMonth.merge(YearMonth.from(activity.occurredOn()), amount, Integer::sum);
        }
        Integer target = terms.shape() == CommitmentShape.COUNT ? terms.target() : null;
        Double expected = target == null ? null : ProgressCalculator.expected(target, period, asOf);
        Assessment latest = commitment.latestAssessment();
        ShapeJudgements.Judgement judgement = switch (terms.shape()) {
            case CADENCE -> cadence(terms.cadence(), counted, period, asOf);
            case MILESTONE -> milestone(terms.dueOn(), counted, latest, asOf);
            case AS_NEEDED -> ShapeJudgements.byAssessment(latest);
            case COUNT -> target != null ? new ShapeJudgements.Judgement(ProgressCalculator.pace(done, target,
                    expected), "TARGET", null, null) : ShapeJudgements.byAssessment(latest);
        };
        Integer forecast = null;
        long elapsed = period.elapsedDays(asOf);
        if (target != null && elapsed >= ProgressCalculator.FORECAST_MIN_DAYS
            && counted.size() >= ProgressCalculator.FORECAST_MIN_ACTIVITIES) {
            forecast = (int) Math.round((double) done * period.days() / elapsed);
        }
        boolean old = latest != null
                      && latest.assessedOn().isBefore(asOf.minusDays(ProgressCalculator.ASSESSMENT_OLD_DAYS));
        return new CommitmentProgress(commitment.commitmentId(), terms.title(), terms.owner(), terms.focusArea(),
                terms.shape(), target, measure, done, counted.size(), expected, judgement.status(),
                judgement.source(), forecast, months(perMonth, counted, target, period, asOf),
                outcomeFigures(counted), judgement.cadence(),
                terms.shape() == CommitmentShape.MILESTONE ? terms.dueOn() : null, judgement.doneOn(), latest, old);
    }

    static boolean counts(Commitment commitment, Activity activity, Period period, LocalDate asOf) {
        return activity.commitmentIds().contains(commitment.commitmentId())
               && commitment.terms().countedKinds().contains(activity.kind())
               && !activity.occurredOn().isAfter(asOf)
               && period.covers(activity.occurredOn());
    }

    private static List<MonthProgress> months(Map<YearMonth, Integer> perMonth, List<Activity> counted, Integer target,
                                              Period period, LocalDate asOf) {
        List<MonthProgress> months = new ArrayList<>();
        int cumulative = 0;
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
             month = month.plusMonths(1)) {
            LocalDate monthEnd = period.clamp(month.atEndOfMonth());
            Double expectedCumulative = target == null ? null : ProgressCalculator.expected(target, period, monthEnd);
            if (month.isAfter(YearMonth.from(asOf))) {
                months.add(new MonthProgress(month, null, null, expectedCumulative, Map.of()));
            } else {
                YearMonth current = month;
                int done = perMonth.getOrDefault(month, 0);
                cumulative += done;
                months.add(new MonthProgress(month, done, cumulative, expectedCumulative, totals(
                        counted.stream().filter(a -> YearMonth.from(a.occurredOn()).equals(current)).toList())));
            }
        }
        return months;
    }

    static ShapeJudgements.Judgement cadence(Cadence cadence, List<Activity> counted, Period period, LocalDate asOf) {
        int months = cadence.every() == Cadence.Every.QUARTER ? 3 : 1;
        YearMonth first = YearMonth.from(period.from());
        first = first.minusMonths((first.getMonthValue() - 1) % months);
        int due = 0;
        int met = 0;
        int all = 0;
        List<String> missed = new ArrayList<>();
        for (YearMonth start = first; !start.atDay(1).isAfter(period.to()); start = start.plusMonths(months)) {
            LocalDate from = start.atDay(1);
            LocalDate to = start.plusMonths(months - 1).atEndOfMonth();
            if (insideDays(period, from, to) * 2 < ChronoUnit.DAYS.between(from, to) + 1) {
                continue;
            }
            all++;
            long done = counted.stream().filter(a -> !a.occurredOn().isBefore(from) && !a.occurredOn().isAfter(to))
                    .count();
            boolean ended = !to.isAfter(asOf) || (!period.to().isAfter(asOf) && !from.isAfter(asOf));
            if (done >= cadence.atLeast()) {
                met++;
                due++;
            } else if (ended) {
                due++;
                missed.add(months == 1 ? start.toString()
                        : start.getYear() + "-K" + ((start.getMonthValue() - 1) / 3 + 1));
            }
        }
        PaceStatus status = met == all && all > 0 ? PaceStatus.ACHIEVED
                : due == 0 ? PaceStatus.NOT_STARTED
                : met == due ? PaceStatus.ON_TRACK : PaceStatus.BEHIND;
        return new ShapeJudgements.Judgement(status, "CADENCE", new ShapeJudgements.CadenceCount(cadence.every(),
                cadence.atLeast(), due, met, List.copyOf(missed)), null);
    }

    static ShapeJudgements.Judgement milestone(LocalDate dueOn, List<Activity> counted, Assessment latest,
                                               LocalDate asOf) {
        LocalDate doneOn = counted.stream().filter(Activity::completes).map(Activity::occurredOn)
                .min(Comparator.naturalOrder()).orElse(null);
        if (doneOn == null && latest != null && latest.status().fulfilled()) {
            doneOn = latest.assessedOn();
        }
        PaceStatus status = doneOn != null ? PaceStatus.DONE
                : dueOn != null && asOf.isAfter(dueOn) ? PaceStatus.LATE
                : !counted.isEmpty() || latest != null ? PaceStatus.IN_PROGRESS : PaceStatus.NOT_STARTED;
        return new ShapeJudgements.Judgement(status, "MILESTONE", null, doneOn);
    }

    private static long insideDays(Period period, LocalDate from, LocalDate to) {
        LocalDate start = from.isBefore(period.from()) ? period.from() : from;
        LocalDate end = to.isAfter(period.to()) ? period.to() : to;
        return end.isBefore(start) ? 0 : ChronoUnit.DAYS.between(start, end) + 1;
    }

    static Map<String, Integer> totals(Collection<Activity> activities) {
        Map<String, Integer> totals = new TreeMap<>();
        activities.forEach(activity -> activity.outcomes().forEach((key, value) -> totals.merge(key, value,
                Integer::sum)));
        return totals;
    }

    static List<OutcomeFigure> outcomeFigures(Collection<Activity> activities) {
        Map<String, Boolean> declared = new TreeMap<>();
        activities.forEach(activity -> activity.outcomes().keySet().forEach(key -> declared.merge(key,
                OutcomeMeasures.declares(activity.kind(), key), Boolean::logicalOr)));
        return totals(activities).entrySet().stream()
                .map(e -> OutcomeFigure.of(e.getKey(), e.getValue(), declared.get(e.getKey())))
                .toList();
    }

    static List<RollUp> municipalityRollUps(List<String> municipalities, List<Commitment> commitments,
                                            List<Activity> activities, Period period, LocalDate asOf) {
        if (municipalities == null || municipalities.size() < 2) {
            return List.of();
        }
        List<RollUp> rollUps = new ArrayList<>();
        for (String municipality : municipalities) {
            List<Activity> there = activities.stream()
                    .filter(a -> municipality.equalsIgnoreCase(a.municipality())).toList();
            List<CommitmentProgress> members = commitments.stream()
                    .filter(c -> c.terms().appliesTo(municipality))
                    .map(c -> progress(forMunicipality(c, municipality), there, period, asOf))
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

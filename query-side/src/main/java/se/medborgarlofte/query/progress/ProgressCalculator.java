package se.medborgarlofte.query.progress;

import com.fasterxml.jackson.annotation.JsonProperty;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.tally.ActivityTally.Cell;
import se.medborgarlofte.query.tally.Contribution;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Progress of commitments at a date, as design.md defines it, for every commitment shape. Pure: it gets the period,
 * the commitments and what the activities that count add up to per commitment and day (an {@link ActivityTally}),
 * and computes; it reads nothing and remembers nothing. Its cost grows with the days that have activities, never
 * with the activities. The shapes' own judgements are in {@link ShapeJudgements}, the roll-ups in {@link RollUps}.
 */
public final class ProgressCalculator {

    /** A forecast means something only this far into the period ... */
    static final int FORECAST_MIN_DAYS = 30;
    /** ... and with this many activities counted. */
    static final int FORECAST_MIN_ACTIVITIES = 3;
    /** An assessment older than this (at {@code asOf}) is shown as old. */
    static final int ASSESSMENT_OLD_DAYS = 90;

    private ProgressCalculator() {
    }

    /** A commitment as far as progress is concerned. */
    public record Commitment(String commitmentId, CommitmentTerms terms, Assessment latestAssessment) {

        /** A COUNT commitment, as commitments were before shapes existed. */
        public Commitment(String commitmentId, String title, Party owner, String focusArea,
                          Set<ActivityKind> countedKinds, Integer target, Assessment latestAssessment) {
            this(commitmentId, new CommitmentTerms(title, "", owner, focusArea, countedKinds, target),
                    latestAssessment);
        }
    }

    public record Assessment(LocalDate assessedOn, PaceStatus status, String rationale) {
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return CodeLabels.status(status);
        }
    }

    /** A non-retracted activity; {@code municipality} is null where the promise has one (or in old records). */
    public record Activity(ActivityKind kind, LocalDate occurredOn, List<String> commitmentIds, String municipality,
                           Map<String, Integer> outcomes, boolean completes) {

        public Activity(ActivityKind kind, LocalDate occurredOn, List<String> commitmentIds) {
            this(kind, occurredOn, commitmentIds, null, Map.of(), false);
        }

        Contribution contribution() {
            return new Contribution(kind, occurredOn, commitmentIds, municipality, outcomes, completes);
        }
    }

    /** {@code done} is what the target counts (activities, or the target's outcome measure). */
    public record MonthProgress(YearMonth month, Integer done, Integer cumulative, Double expectedCumulative,
                                Map<String, Integer> outcomes) {
    }

    /**
     * {@code status} comes from the shape: against the target for COUNT with a target ({@code statusSource =
     * TARGET}), from the periods due for CADENCE ({@code CADENCE}), from the due date for MILESTONE
     * ({@code MILESTONE}); else from the latest assessment made by {@code asOf} ({@code ASSESSMENT}), else it is
     * null ({@code NONE}). {@code forecast} is given only {@value #FORECAST_MIN_DAYS} days and
     * {@value #FORECAST_MIN_ACTIVITIES} activities into the period. {@code outcomes} sums the counted activities'
     * outcome figures; {@code cadence} is set for CADENCE, {@code doneOn} when a MILESTONE got done.
     */
    public record CommitmentProgress(String commitmentId, String title, Party owner, String focusArea,
                                     CommitmentShape shape, Integer target, String targetMeasure, int done,
                                     int activities, Double expected, PaceStatus status, String statusSource,
                                     Integer forecast, List<MonthProgress> months, List<OutcomeFigure> outcomes,
                                     ShapeJudgements.CadenceCount cadence, LocalDate dueOn, LocalDate doneOn,
                                     Assessment latestAssessment, boolean assessmentOld) {
        /** The status in Swedish; "inte bedömt" where there is none. */
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return status == null ? CodeLabels.noStatus() : CodeLabels.status(status);
        }

        @JsonProperty("ownerLabel")
        public String ownerLabel() {
            return CodeLabels.owner(owner);
        }

        @JsonProperty("shapeLabel")
        public String shapeLabel() {
            return CodeLabels.shape(shape);
        }
    }

    /**
     * Commitments summed: {@code target}, {@code done} and {@code expected} over those whose target is a number of
     * activities (a target on an outcome measure, such as 600 drivers checked, is not added to activities);
     * {@code doneUpToTarget} each one's done up to its own target (what {@code status} is judged on, and what
     * "X of Y promised" may honestly say). {@code statusCounts} counts every commitment that has a status, and
     * {@code overall} judges them all (see {@link RollUps#overall}).
     */
    public record RollUp(String key, int commitments, int withTarget, int target, int done, int doneUpToTarget,
                         double expected, PaceStatus status, Map<PaceStatus, Integer> statusCounts,
                         PaceStatus overall) {
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return status == null ? CodeLabels.noStatus() : CodeLabels.status(status);
        }

        @JsonProperty("overallLabel")
        public String overallLabel() {
            return overall == null ? CodeLabels.noStatus() : CodeLabels.status(overall);
        }
    }

    public record Period(LocalDate from, LocalDate to) {
        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        long elapsedDays(LocalDate date) {
            if (date.isBefore(from)) {
                return 0;
            }
            return ChronoUnit.DAYS.between(from, date.isAfter(to) ? to : date) + 1;
        }

        LocalDate clamp(LocalDate date) {
            return date.isBefore(from) ? from : date.isAfter(to) ? to : date;
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** Progress from a list of activities that count (not retracted): tallied first. */
    public static CommitmentProgress progress(Commitment commitment, Collection<Activity> activities, Period period,
                                              LocalDate asOf) {
        return progress(commitment, tally(activities), period, asOf);
    }

    public static ActivityTally tally(Collection<Activity> activities) {
        return ActivityTally.of(activities.stream().map(Activity::contribution).toList());
    }

    /**
     * Counted for a commitment: the activities of a kind it counts that occurred inside the period, on or before
     * {@code asOf}. {@code done} adds up the target's outcome measure where it names one, else the activities.
     */
    public static CommitmentProgress progress(Commitment commitment, ActivityTally tally, Period period,
                                              LocalDate asOf) {
        CommitmentTerms terms = commitment.terms();
        List<Cell> counted = new ArrayList<>();
        for (Cell cell : tally.cells(commitment.commitmentId())) {
            if (counts(terms, cell, period, asOf)) {
                counted.add(cell);
            }
        }
        String measure = terms.targetMeasure();
        Map<YearMonth, Integer> perMonth = new LinkedHashMap<>();
        int done = 0;
        int activities = 0;
        for (Cell cell : counted) {
            int amount = measure == null ? cell.activities() : cell.sum(measure);
            done += amount;
            activities += cell.activities();
            perMonth.merge(YearMonth.from(cell.day()), amount, Integer::sum);
        }
        Integer target = terms.shape() == CommitmentShape.COUNT ? terms.target() : null;
        Double expected = target == null ? null : expected(target, period, asOf);
        Assessment latest = commitment.latestAssessment();
        ShapeJudgements.Judgement judgement = switch (terms.shape()) {
            case CADENCE -> ShapeJudgements.cadence(terms.cadence(), counted, period, asOf);
            case MILESTONE -> ShapeJudgements.milestone(terms.dueOn(), counted, latest, asOf);
            case AS_NEEDED -> ShapeJudgements.byAssessment(latest);
            case COUNT -> target != null ? new ShapeJudgements.Judgement(pace(done, target, expected), "TARGET",
                    null, null) : ShapeJudgements.byAssessment(latest);
        };
        Integer forecast = null;
        long elapsed = period.elapsedDays(asOf);
        if (target != null && elapsed >= FORECAST_MIN_DAYS && activities >= FORECAST_MIN_ACTIVITIES) {
            forecast = (int) Math.round((double) done * period.days() / elapsed);
        }
        boolean old = latest != null && latest.assessedOn().isBefore(asOf.minusDays(ASSESSMENT_OLD_DAYS));
        return new CommitmentProgress(commitment.commitmentId(), terms.title(), terms.owner(), terms.focusArea(),
                terms.shape(), target, measure, done, activities, expected, judgement.status(),
                judgement.source(), forecast, months(perMonth, counted, target, period, asOf),
                OutcomeSums.of(counted), judgement.cadence(),
                terms.shape() == CommitmentShape.MILESTONE ? terms.dueOn() : null, judgement.doneOn(), latest, old);
    }

    static boolean counts(CommitmentTerms terms, Cell cell, Period period, LocalDate asOf) {
        return terms.countedKinds().contains(cell.kind())
               && !cell.day().isAfter(asOf)
               && period.covers(cell.day());
    }

    static double expected(int target, Period period, LocalDate date) {
        return round1((double) target * period.elapsedDays(date) / period.days());
    }

    /**
     * ACHIEVED at or above target; NOT_STARTED with nothing done while less than one is expected; ON_TRACK when
     * done reaches the whole part of expected; otherwise BEHIND.
     */
    static PaceStatus pace(int done, int target, double expected) {
        if (done >= target) {
            return PaceStatus.ACHIEVED;
        }
        if (done == 0 && expected < 1) {
            return PaceStatus.NOT_STARTED;
        }
        return done >= Math.floor(expected) ? PaceStatus.ON_TRACK : PaceStatus.BEHIND;
    }

    private static List<MonthProgress> months(Map<YearMonth, Integer> perMonth, List<Cell> counted, Integer target,
                                              Period period, LocalDate asOf) {
        Map<YearMonth, List<Cell>> cellsPerMonth = new HashMap<>();
        for (Cell cell : counted) {
            cellsPerMonth.computeIfAbsent(YearMonth.from(cell.day()), month -> new ArrayList<>()).add(cell);
        }
        List<MonthProgress> months = new ArrayList<>();
        int cumulative = 0;
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
             month = month.plusMonths(1)) {
            LocalDate monthEnd = period.clamp(month.atEndOfMonth());
            Double expectedCumulative = target == null ? null : expected(target, period, monthEnd);
            if (month.isAfter(YearMonth.from(asOf))) {
                months.add(new MonthProgress(month, null, null, expectedCumulative, Map.of()));
            } else {
                int done = perMonth.getOrDefault(month, 0);
                cumulative += done;
                months.add(new MonthProgress(month, done, cumulative, expectedCumulative,
                        OutcomeSums.totals(cellsPerMonth.getOrDefault(month, List.of()))));
            }
        }
        return months;
    }

    public static List<RollUp> rollUp(List<CommitmentProgress> progress, Function<CommitmentProgress, String> key) {
        return RollUps.byKey(progress, key);
    }

    public static RollUp rollUp(String key, List<CommitmentProgress> members) {
        return RollUps.of(key, members);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

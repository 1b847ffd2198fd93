package se.medborgarlofte.query.progress;

import com.fasterxml.jackson.annotation.JsonProperty;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Progress of commitments at a date, as design.md defines it. Pure: it gets the period, the commitments and the
 * activities, and computes; it reads nothing and remembers nothing.
 */
public final class ProgressCalculator {

    private ProgressCalculator() {
    }

    /** A commitment as far as progress is concerned. */
    public record Commitment(String commitmentId, String title, Party owner, String focusArea,
                             Set<ActivityKind> countedKinds, Integer target, Assessment latestAssessment) {
    }

    public record Assessment(LocalDate assessedOn, PaceStatus status, String rationale) {
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return CodeLabels.status(status);
        }
    }

    /** A non-retracted activity. */
    public record Activity(ActivityKind kind, LocalDate occurredOn, List<String> commitmentIds) {
    }

    public record MonthProgress(YearMonth month, Integer done, Integer cumulative, Double expectedCumulative) {
    }

    /**
     * {@code status} comes from the target where there is one ({@code statusSource = TARGET}), else from the
     * latest assessment made by {@code asOf} ({@code ASSESSMENT}), else it is null ({@code NONE}).
     */
    public record CommitmentProgress(String commitmentId, String title, Party owner, String focusArea, Integer target,
                                     int done, Double expected, PaceStatus status, String statusSource,
                                     Integer forecast, List<MonthProgress> months, Assessment latestAssessment) {
        /** The status in Swedish; "inte bedömt" where there is none. */
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return status == null ? CodeLabels.noStatus() : CodeLabels.status(status);
        }

        @JsonProperty("ownerLabel")
        public String ownerLabel() {
            return CodeLabels.owner(owner);
        }
    }

    /**
     * Commitments grouped by a key. {@code target}, {@code done} and {@code expected} sum the commitments with a
     * target; the status compares done (each commitment's counted up to its target, so one overachiever does not
     * hide another that is behind) with expected.
     */
    /**
     * Commitments summed: {@code done} counts everything done, {@code doneUpToTarget} each commitment's done up to
     * its own target (what the status is judged on, and what "X of Y promised" may honestly say).
     */
    public record RollUp(String key, int commitments, int withTarget, int target, int done, int doneUpToTarget,
                         double expected, PaceStatus status, Map<PaceStatus, Integer> statusCounts) {
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return status == null ? CodeLabels.noStatus() : CodeLabels.status(status);
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
    }

    public static CommitmentProgress progress(Commitment commitment, Collection<Activity> activities, Period period,
                                              LocalDate asOf) {
        Map<YearMonth, Integer> perMonth = new LinkedHashMap<>();
        int done = 0;
        for (Activity activity : activities) {
            if (counts(commitment, activity, period, asOf)) {
                done++;
                perMonth.merge(YearMonth.from(activity.occurredOn()), 1, Integer::sum);
            }
        }
        Integer target = commitment.target();
        Double expected = target == null ? null : expected(target, period, asOf);
        PaceStatus status;
        String source;
        Integer forecast = null;
        if (target != null) {
            status = pace(done, target, expected);
            source = "TARGET";
            long elapsed = period.elapsedDays(asOf);
            forecast = elapsed == 0 ? done : (int) Math.round((double) done * period.days() / elapsed);
        } else if (commitment.latestAssessment() != null) {
            status = commitment.latestAssessment().status();
            source = "ASSESSMENT";
        } else {
            status = null;
            source = "NONE";
        }
        return new CommitmentProgress(commitment.commitmentId(), commitment.title(), commitment.owner(),
                commitment.focusArea(), target, done, expected, status, source, forecast,
                months(perMonth, target, period, asOf), commitment.latestAssessment());
    }

    static boolean counts(Commitment commitment, Activity activity, Period period, LocalDate asOf) {
        return activity.commitmentIds().contains(commitment.commitmentId())
                && commitment.countedKinds().contains(activity.kind())
                && !activity.occurredOn().isAfter(asOf)
                && !activity.occurredOn().isBefore(period.from())
                && !activity.occurredOn().isAfter(period.to());
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

    private static List<MonthProgress> months(Map<YearMonth, Integer> perMonth, Integer target, Period period,
                                              LocalDate asOf) {
        List<MonthProgress> months = new ArrayList<>();
        int cumulative = 0;
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
             month = month.plusMonths(1)) {
            LocalDate monthEnd = period.clamp(month.atEndOfMonth());
            Double expectedCumulative = target == null ? null : expected(target, period, monthEnd);
            if (month.isAfter(YearMonth.from(asOf))) {
                months.add(new MonthProgress(month, null, null, expectedCumulative));
            } else {
                int done = perMonth.getOrDefault(month, 0);
                cumulative += done;
                months.add(new MonthProgress(month, done, cumulative, expectedCumulative));
            }
        }
        return months;
    }

    public static List<RollUp> rollUp(List<CommitmentProgress> progress, Function<CommitmentProgress, String> key) {
        Map<String, List<CommitmentProgress>> groups = new LinkedHashMap<>();
        for (CommitmentProgress commitment : progress) {
            groups.computeIfAbsent(key.apply(commitment), k -> new ArrayList<>()).add(commitment);
        }
        List<RollUp> rollUps = new ArrayList<>();
        groups.forEach((group, members) -> rollUps.add(rollUp(group, members)));
        return rollUps;
    }

    public static RollUp rollUp(String key, List<CommitmentProgress> members) {
        int withTarget = 0;
        int target = 0;
        int done = 0;
        int doneUpToTarget = 0;
        double expected = 0;
        Map<PaceStatus, Integer> counts = new EnumMap<>(PaceStatus.class);
        for (CommitmentProgress member : members) {
            if (member.status() != null) {
                counts.merge(member.status(), 1, Integer::sum);
            }
            if (member.target() != null) {
                withTarget++;
                target += member.target();
                done += member.done();
                doneUpToTarget += Math.min(member.done(), member.target());
                expected += member.expected();
            }
        }
        PaceStatus status = withTarget == 0 ? null : pace(doneUpToTarget, target, expected);
        return new RollUp(key, members.size(), withTarget, target, done, doneUpToTarget, round1(expected), status,
                counts);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

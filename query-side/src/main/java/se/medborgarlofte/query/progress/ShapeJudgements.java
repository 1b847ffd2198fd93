package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.tally.ActivityTally.Cell;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** How the shapes other than a counted target judge a commitment at a date. */
final class ShapeJudgements {

    /** A status, where it came from, and what the shape adds. */
    record Judgement(PaceStatus status, String source, CadenceCount cadence, LocalDate doneOn) {
    }

    /**
     * A duty every month or quarter: {@code due} periods (those that have ended by the date, and the current one
     * once it is met), {@code met} of them, and which were missed ({@code 2024-07}, {@code 2024-K3}). A period
     * counts when at least half of it lies inside the promise's period.
     */
    record CadenceCount(Cadence.Every every, int atLeast, int due, int met, List<String> missed) {
    }

    private ShapeJudgements() {
    }

    static Judgement byAssessment(Assessment latest) {
        return latest == null ? new Judgement(null, "NONE", null, null)
                : new Judgement(latest.status(), "ASSESSMENT", null, null);
    }

    /**
     * ACHIEVED once every period of the whole promise has been met; NOT_STARTED while none is due; ON_TRACK while
     * every period due was met; otherwise BEHIND: a missed period stays missed, whatever comes after it.
     */
    static Judgement cadence(Cadence cadence, List<Cell> counted, Period period, LocalDate asOf) {
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
            long done = 0;
            for (Cell cell : counted) {
                if (!cell.day().isBefore(from) && !cell.day().isAfter(to)) {
                    done += cell.activities();
                }
            }
            boolean ended = !to.isAfter(asOf) || (!period.to().isAfter(asOf) && !from.isAfter(asOf));
            if (done >= cadence.atLeast()) {
                met++;
                due++;
            } else if (ended) {
                due++;
                missed.add(label(start, months));
            }
        }
        PaceStatus status = met == all && all > 0 ? PaceStatus.ACHIEVED
                : due == 0 ? PaceStatus.NOT_STARTED
                : met == due ? PaceStatus.ON_TRACK : PaceStatus.BEHIND;
        return new Judgement(status, "CADENCE", new CadenceCount(cadence.every(), cadence.atLeast(), due, met,
                List.copyOf(missed)), null);
    }

    /**
     * DONE once a completing activity occurred or an assessment says so (ACHIEVED or DONE); LATE after the due date
     * while not done; IN_PROGRESS with any activity or assessment; else NOT_STARTED.
     */
    static Judgement milestone(LocalDate dueOn, List<Cell> counted, Assessment latest, LocalDate asOf) {
        LocalDate doneOn = null;
        for (Cell cell : counted) {
            if (cell.completing() > 0 && (doneOn == null || cell.day().isBefore(doneOn))) {
                doneOn = cell.day();
            }
        }
        if (doneOn == null && latest != null && latest.status().fulfilled()) {
            doneOn = latest.assessedOn();
        }
        PaceStatus status = doneOn != null ? PaceStatus.DONE
                : dueOn != null && asOf.isAfter(dueOn) ? PaceStatus.LATE
                : !counted.isEmpty() || latest != null ? PaceStatus.IN_PROGRESS : PaceStatus.NOT_STARTED;
        return new Judgement(status, "MILESTONE", null, doneOn);
    }

    private static long insideDays(Period period, LocalDate from, LocalDate to) {
        LocalDate start = from.isBefore(period.from()) ? period.from() : from;
        LocalDate end = to.isAfter(period.to()) ? period.to() : to;
        return end.isBefore(start) ? 0 : ChronoUnit.DAYS.between(start, end) + 1;
    }

    private static String label(YearMonth start, int months) {
        return months == 1 ? start.toString() : start.getYear() + "-K" + ((start.getMonthValue() - 1) / 3 + 1);
    }
}

package se.medborgarlofte.query.progress;

import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress for every commitment shape, per municipality and with outcome figures. */
class ShapeProgressTest {

    static final Period YEAR_2024 = new Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));

    static Commitment shaped(CommitmentShape shape, Integer target, Cadence cadence, LocalDate dueOn, String measure,
                             Assessment assessment) {
        return new Commitment("c", new CommitmentTerms("Lägesbild", "", Party.JOINT, "EST",
                Set.of(ActivityKind.EST_SITUATION_REPORT, ActivityKind.TRAFFIC_CONTROL), target, shape, cadence, dueOn,
                List.of(), Map.of(), measure, null), assessment);
    }

    static Activity report(String date) {
        return new Activity(ActivityKind.EST_SITUATION_REPORT, LocalDate.parse(date), List.of("c"));
    }

    static CommitmentProgress at(Commitment commitment, String asOf, Activity... activities) {
        return ProgressCalculator.progress(commitment, List.of(activities), YEAR_2024, LocalDate.parse(asOf));
    }

    static final Commitment MONTHLY = shaped(CommitmentShape.CADENCE, null, new Cadence(Cadence.Every.MONTH, 1), null,
            null, null);

    @Test
    void aMissedMonthStaysMissedWhateverComesAfter() {
        CommitmentProgress progress = at(MONTHLY, "2024-09-15", report("2024-06-10"), report("2024-08-05"),
                report("2024-08-20"));

        assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(progress.statusSource()).isEqualTo("CADENCE");
        assertThat(progress.cadence().due()).as("January to August have ended").isEqualTo(8);
        assertThat(progress.cadence().met()).as("June and August; two in August do not make up for July").isEqualTo(2);
        assertThat(progress.cadence().missed()).contains("2024-01", "2024-07").doesNotContain("2024-08", "2024-09");
        assertThat(progress.target()).isNull();
    }

    @Test
    void everyMonthMetIsOnTrackAndTheWholeYearMetIsAchieved() {
        Activity[] monthly = IntStream.rangeClosed(1, 12).mapToObj(m -> report("2024-%02d-03".formatted(m)))
                .toArray(Activity[]::new);
        assertThat(at(MONTHLY, "2024-05-02", monthly).status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(at(MONTHLY, "2024-05-02", monthly).cadence().due()).as("January to April").isEqualTo(4);
        assertThat(at(MONTHLY, "2024-05-04", monthly).cadence().due()).as("and May, once met").isEqualTo(5);
        assertThat(at(MONTHLY, "2024-12-31", monthly).status()).isEqualTo(PaceStatus.ACHIEVED);
        assertThat(at(MONTHLY, "2024-01-02").status()).as("no month has ended").isEqualTo(PaceStatus.NOT_STARTED);
    }

    @Test
    void aQuarterlyDutyIsJudgedPerQuarter() {
        Commitment quarterly = shaped(CommitmentShape.CADENCE, null, new Cadence(Cadence.Every.QUARTER, 2), null,
                null, null);
        CommitmentProgress progress = at(quarterly, "2024-07-01", report("2024-01-10"), report("2024-03-10"),
                report("2024-05-10"));
        assertThat(progress.cadence().due()).isEqualTo(2);
        assertThat(progress.cadence().missed()).containsExactly("2024-K2");
    }

    @Test
    void aMilestoneIsNotStartedInProgressDoneOrLate() {
        Commitment cycleway = shaped(CommitmentShape.MILESTONE, null, null, LocalDate.parse("2024-09-30"), null, null);
        assertThat(at(cycleway, "2024-03-01").status()).isEqualTo(PaceStatus.NOT_STARTED);
        assertThat(at(cycleway, "2024-03-01", report("2024-02-01")).status()).isEqualTo(PaceStatus.IN_PROGRESS);
        assertThat(at(cycleway, "2024-10-01", report("2024-02-01")).status()).isEqualTo(PaceStatus.LATE);
        Activity completing = new Activity(ActivityKind.EST_SITUATION_REPORT, LocalDate.parse("2024-09-01"),
                List.of("c"), null, Map.of(), true);
        CommitmentProgress done = at(cycleway, "2024-10-01", report("2024-02-01"), completing);
        assertThat(done.status()).isEqualTo(PaceStatus.DONE);
        assertThat(done.doneOn()).isEqualTo(LocalDate.parse("2024-09-01"));
        assertThat(at(cycleway, "2024-08-31", completing).status()).as("not done before it happened")
                .isEqualTo(PaceStatus.NOT_STARTED);
        Commitment assessedDone = shaped(CommitmentShape.MILESTONE, null, null, LocalDate.parse("2024-09-30"), null,
                new Assessment(LocalDate.parse("2024-06-01"), PaceStatus.ACHIEVED, "Invigd"));
        assertThat(at(assessedDone, "2024-10-01").status()).isEqualTo(PaceStatus.DONE);
    }

    @Test
    void aCommitmentDoneWhenNeededIsNeverBehindByTheNumbers() {
        Commitment asNeeded = shaped(CommitmentShape.AS_NEEDED, null, null, null, null, null);
        CommitmentProgress nothing = at(asNeeded, "2024-12-31");
        assertThat(nothing.status()).isNull();
        assertThat(nothing.statusSource()).isEqualTo("NONE");
        Commitment assessed = shaped(CommitmentShape.AS_NEEDED, null, null, null, null,
                new Assessment(LocalDate.parse("2024-03-01"), PaceStatus.ON_TRACK, "Inget behov uppstod"));
        CommitmentProgress late = at(assessed, "2024-12-31", report("2024-02-01"));
        assertThat(late.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(late.done()).isEqualTo(1);
        assertThat(late.assessmentOld()).as("assessed more than 90 days before").isTrue();
        assertThat(at(assessed, "2024-04-01").assessmentOld()).isFalse();
    }

    @Test
    void aTargetOnAnOutcomeMeasureCountsTheMeasureAndFiguresAreSummedPerMonth() {
        Commitment drivers = shaped(CommitmentShape.COUNT, 200, null, null, "vehiclesChecked", null);
        Activity march = new Activity(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse("2024-03-05"), List.of("c"), null,
                Map.of("vehiclesChecked", 40, "speedingOffences", 3), false);
        Activity april = new Activity(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse("2024-04-05"), List.of("c"), null,
                Map.of("vehiclesChecked", 25, "checkedDrivers", 7), false);
        CommitmentProgress progress = at(drivers, "2024-06-30", march, april);

        assertThat(progress.done()).isEqualTo(65);
        assertThat(progress.activities()).isEqualTo(2);
        assertThat(progress.months().get(2).done()).isEqualTo(40);
        assertThat(progress.months().get(3).outcomes()).containsEntry("checkedDrivers", 7);
        assertThat(progress.outcomes()).extracting(OutcomeFigure::label)
                .contains("kontrollerade förare", "hastighetsöverträdelser");
        assertThat(progress.outcomes()).filteredOn(OutcomeFigure::other).extracting(OutcomeFigure::key)
                .as("a key stored before the catalogue").containsExactly("checkedDrivers");
        assertThat(progress.status()).as("65 of 200, about 99 expected by the end of June").isEqualTo(PaceStatus.BEHIND);
    }

    @Test
    void aForecastWaitsForThirtyDaysAndThreeActivities() {
        Commitment count = shaped(CommitmentShape.COUNT, 12, null, null, null, null);
        assertThat(at(count, "2024-01-20", report("2024-01-02"), report("2024-01-03"), report("2024-01-04"))
                .forecast()).as("20 days in").isNull();
        assertThat(at(count, "2024-03-01", report("2024-01-02"), report("2024-01-03")).forecast())
                .as("two activities").isNull();
        assertThat(at(count, "2024-03-01", report("2024-01-02"), report("2024-01-03"), report("2024-02-03"))
                .forecast()).isEqualTo(18);
    }

    @Test
    void theHeadlineCountsEveryCommitmentThatHasAStatus() {
        CommitmentProgress late = at(shaped(CommitmentShape.MILESTONE, null, null, LocalDate.parse("2024-03-01"),
                null, null), "2024-06-30");
        CommitmentProgress missed = at(MONTHLY, "2024-06-30");
        CommitmentProgress onPace = at(shaped(CommitmentShape.COUNT, 2, null, null, null, null), "2024-06-30",
                report("2024-02-01"));
        RollUp total = ProgressCalculator.rollUp("ALL", List.of(late, missed, onPace));

        assertThat(total.status()).as("the one with a target is on pace").isEqualTo(PaceStatus.ON_TRACK);
        assertThat(total.overall()).as("two of three are late or behind").isEqualTo(PaceStatus.BEHIND);
        assertThat(total.statusCounts()).containsEntry(PaceStatus.LATE, 1).containsEntry(PaceStatus.BEHIND, 1);
    }

    @Test
    void eachMunicipalityGetsItsOwnRollUpAgainstItsOwnTarget() {
        Commitment walks = new Commitment("w", new CommitmentTerms("Trygghetsvandringar", "", Party.MUNICIPALITY,
                "SAFE", Set.of(ActivityKind.SAFETY_WALK), 6, CommitmentShape.COUNT, null, null, List.of(),
                Map.of("Gullspång", 2, "Mariestad", 2, "Töreboda", 2), null, null), null);
        List<Activity> activities = List.of(
                new Activity(ActivityKind.SAFETY_WALK, LocalDate.parse("2024-03-01"), List.of("w"), "Gullspång", Map.of(), false),
                new Activity(ActivityKind.SAFETY_WALK, LocalDate.parse("2024-04-01"), List.of("w"), "Gullspång", Map.of(), false),
                new Activity(ActivityKind.SAFETY_WALK, LocalDate.parse("2024-04-02"), List.of("w"), "Töreboda", Map.of(), false));
        ProgressInputs.Inputs inputs = new ProgressInputs.Inputs(List.of("Gullspång", "Mariestad", "Töreboda"),
                List.of(walks), activities);

        List<RollUp> perMunicipality = MunicipalityProgress.rollUps(inputs, YEAR_2024, LocalDate.parse("2024-12-31"));

        assertThat(perMunicipality).extracting(RollUp::key).containsExactly("Gullspång", "Mariestad", "Töreboda");
        assertThat(perMunicipality).extracting(RollUp::done).containsExactly(2, 0, 1);
        assertThat(perMunicipality).extracting(RollUp::status)
                .containsExactly(PaceStatus.ACHIEVED, PaceStatus.BEHIND, PaceStatus.BEHIND);
        assertThat(MunicipalityProgress.rollUps(new ProgressInputs.Inputs(List.of("Gnosjö"), List.of(walks), activities),
                YEAR_2024, LocalDate.parse("2024-12-31"))).isEmpty();
    }
}

package se.medborgarlofte.query.progress;

import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressCalculatorTest {

    static final Period YEAR_2025 = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    static Commitment traffic(Integer target) {
        return new Commitment("c1", "Trafikkontroller", Party.POLICE, "TRAFFIC", Set.of(ActivityKind.TRAFFIC_CONTROL),
                target, null);
    }

    static Activity control(String date) {
        return new Activity(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse(date), List.of("c1"));
    }

    @Test
    void countsOnlyWhatOccurredByTheDateAndIsOfACountedKind() {
        List<Activity> activities = List.of(control("2025-01-15"), control("2025-02-15"), control("2025-08-01"),
                new Activity(ActivityKind.SCHOOL_VISIT, LocalDate.parse("2025-01-20"), List.of("c1")),
                new Activity(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse("2025-01-20"), List.of("other")));

        CommitmentProgress progress = ProgressCalculator.progress(traffic(12), activities, YEAR_2025,
                LocalDate.parse("2025-06-30"));

        assertThat(progress.done()).isEqualTo(2);
        assertThat(progress.expected()).isEqualTo(6.0);
        assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(progress.forecast()).as("two activities are too few to forecast from").isNull();
        assertThat(progress.months()).hasSize(12);
        assertThat(progress.months().get(0).done()).isEqualTo(1);
        assertThat(progress.months().get(1).cumulative()).isEqualTo(2);
        assertThat(progress.months().get(5).cumulative()).isEqualTo(2);
        assertThat(progress.months().get(6).done()).isNull();
        assertThat(progress.months().get(11).expectedCumulative()).isEqualTo(12.0);
        assertThat(progress.months().get(0).month()).isEqualTo(YearMonth.of(2025, 1));
    }

    @Test
    void paceStatusAtItsBoundaries() {
        assertThat(ProgressCalculator.pace(0, 12, 0.5)).isEqualTo(PaceStatus.NOT_STARTED);
        assertThat(ProgressCalculator.pace(0, 12, 1.0)).isEqualTo(PaceStatus.BEHIND);
        assertThat(ProgressCalculator.pace(5, 12, 5.9)).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(ProgressCalculator.pace(5, 12, 6.0)).isEqualTo(PaceStatus.BEHIND);
        assertThat(ProgressCalculator.pace(6, 12, 6.9)).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(ProgressCalculator.pace(5, 12, 7.0)).isEqualTo(PaceStatus.BEHIND);
        assertThat(ProgressCalculator.pace(12, 12, 12.0)).isEqualTo(PaceStatus.ACHIEVED);
        assertThat(ProgressCalculator.pace(13, 12, 6.0)).isEqualTo(PaceStatus.ACHIEVED);
    }

    @Test
    void withoutATargetTheLatestAssessmentGivesTheStatus() {
        Commitment lighting = new Commitment("c2", "Belysning", Party.MUNICIPALITY, "SAFETY",
                Set.of(ActivityKind.PHYSICAL_MEASURE), null,
                new Assessment(LocalDate.parse("2025-03-01"), PaceStatus.BEHIND, "Försenat"));

        CommitmentProgress progress = ProgressCalculator.progress(lighting, List.of(), YEAR_2025,
                LocalDate.parse("2025-06-30"));

        assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(progress.statusSource()).isEqualTo("ASSESSMENT");
        assertThat(progress.expected()).isNull();
        assertThat(progress.forecast()).isNull();
    }

    @Test
    void rollUpCountsEachCommitmentOnlyUpToItsTarget() {
        CommitmentProgress ahead = ProgressCalculator.progress(traffic(2),
                List.of(control("2025-01-10"), control("2025-01-11"), control("2025-01-12"), control("2025-01-13")),
                YEAR_2025, LocalDate.parse("2025-06-30"));
        Commitment walks = new Commitment("c3", "Vandringar", Party.JOINT, "SAFETY", Set.of(ActivityKind.SAFETY_WALK),
                10, null);
        CommitmentProgress behind = ProgressCalculator.progress(walks, List.of(), YEAR_2025, LocalDate.parse("2025-06-30"));

        RollUp total = ProgressCalculator.rollUp("ALL", List.of(ahead, behind));

        assertThat(total.done()).isEqualTo(4);
        assertThat(total.doneUpToTarget()).as("the 2 beyond the first target do not count for the second").isEqualTo(2);
        assertThat(total.target()).isEqualTo(12);
        assertThat(total.status()).as("2 counted towards 6 expected").isEqualTo(PaceStatus.BEHIND);
        assertThat(total.statusCounts()).containsEntry(PaceStatus.ACHIEVED, 1).containsEntry(PaceStatus.BEHIND, 1);
    }

    @Test
    void commitmentsOverTheirTargetStillLetTheOthersDecideTheRollUpsPace() {
        CommitmentProgress ahead = ProgressCalculator.progress(traffic(2),
                List.of(control("2025-01-10"), control("2025-01-11"), control("2025-01-12"), control("2025-01-13")),
                YEAR_2025, LocalDate.parse("2025-06-30"));
        Commitment walks = new Commitment("c3", "Vandringar", Party.JOINT, "SAFETY", Set.of(ActivityKind.SAFETY_WALK),
                10, null);
        List<Activity> fiveWalks = List.of("2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10", "2025-05-10").stream()
                .map(date -> new Activity(ActivityKind.SAFETY_WALK, LocalDate.parse(date), List.of("c3"))).toList();
        CommitmentProgress onPace = ProgressCalculator.progress(walks, fiveWalks, YEAR_2025, LocalDate.parse("2025-06-30"));

        RollUp total = ProgressCalculator.rollUp("ALL", List.of(ahead, onPace));

        assertThat(total.done()).isEqualTo(9);
        assertThat(total.status()).as("2 + 5 counted towards 1.0 + 5.0 expected").isEqualTo(PaceStatus.ON_TRACK);
    }

    @Test
    void rollUpsGroupTheCommitmentsByAKeyAndCountThoseWithATarget() {
        CommitmentProgress police = ProgressCalculator.progress(traffic(12), List.of(control("2025-01-15")), YEAR_2025,
                LocalDate.parse("2025-06-30"));
        Commitment lighting = new Commitment("c2", "Belysning", Party.MUNICIPALITY, "SAFETY",
                Set.of(ActivityKind.PHYSICAL_MEASURE), null,
                new Assessment(LocalDate.parse("2025-03-01"), PaceStatus.ON_TRACK, "Enligt plan"));
        Commitment walks = new Commitment("c3", "Vandringar", Party.MUNICIPALITY, "SAFETY",
                Set.of(ActivityKind.SAFETY_WALK), 4, null);
        CommitmentProgress municipalLighting = ProgressCalculator.progress(lighting, List.of(), YEAR_2025,
                LocalDate.parse("2025-06-30"));
        CommitmentProgress municipalWalks = ProgressCalculator.progress(walks, List.of(), YEAR_2025,
                LocalDate.parse("2025-06-30"));

        List<RollUp> perOwner = ProgressCalculator.rollUp(List.of(police, municipalLighting, municipalWalks),
                progress -> progress.owner().name());

        assertThat(perOwner).extracting(RollUp::key).containsExactly("POLICE", "MUNICIPALITY");
        RollUp municipality = perOwner.get(1);
        assertThat(municipality.commitments()).isEqualTo(2);
        assertThat(municipality.withTarget()).as("the lighting has no target").isEqualTo(1);
        assertThat(municipality.target()).isEqualTo(4);
        assertThat(municipality.statusCounts()).containsEntry(PaceStatus.ON_TRACK, 1).containsEntry(PaceStatus.BEHIND, 1);
        assertThat(perOwner.get(0).withTarget()).isEqualTo(1);
        assertThat(perOwner.get(0).done()).isEqualTo(1);
    }

    @Test
    void aDateIsClampedToThePeriod() {
        assertThat(YEAR_2025.clamp(LocalDate.parse("2024-12-31"))).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(YEAR_2025.clamp(LocalDate.parse("2025-01-01"))).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(YEAR_2025.clamp(LocalDate.parse("2025-06-30"))).isEqualTo(LocalDate.parse("2025-06-30"));
        assertThat(YEAR_2025.clamp(LocalDate.parse("2025-12-31"))).isEqualTo(LocalDate.parse("2025-12-31"));
        assertThat(YEAR_2025.clamp(LocalDate.parse("2026-01-02"))).isEqualTo(LocalDate.parse("2025-12-31"));
    }
}

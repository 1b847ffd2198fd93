package se.medborgarlofte.query.tally;

import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.query.tally.ActivityTally.Cell;
import se.medborgarlofte.query.tally.ActivityTally.OutcomeSum;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTallyTest {

    static Contribution control(String day, String municipality, Map<String, Integer> outcomes, String... commitments) {
        return new Contribution(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse(day), List.of(commitments), municipality,
                outcomes, false);
    }

    @Test
    void activitiesOfOneDayKindAndMunicipalityAddUpInOneCellPerCommitment() {
        ActivityTally tally = ActivityTally.of(List.of(
                control("2025-02-01", null, Map.of("vehiclesChecked", 30), "c1", "c2"),
                control("2025-02-01", null, Map.of("vehiclesChecked", 12, "speedingOffences", 0), "c1"),
                new Contribution(ActivityKind.TRAFFIC_CONTROL, LocalDate.parse("2025-02-03"), List.of("c1"), null,
                        Map.of(), true)));

        assertThat(tally.commitmentIds()).containsExactly("c1", "c2");
        assertThat(tally.cells("c1")).containsExactly(
                new Cell(ActivityKind.TRAFFIC_CONTROL, null, LocalDate.parse("2025-02-01"), 2, 0,
                        Map.of("vehiclesChecked", new OutcomeSum(42, 2), "speedingOffences", new OutcomeSum(0, 1))),
                new Cell(ActivityKind.TRAFFIC_CONTROL, null, LocalDate.parse("2025-02-03"), 1, 1, Map.of()));
        assertThat(tally.cells("c2")).singleElement().satisfies(cell -> assertThat(cell.sum("vehiclesChecked"))
                .isEqualTo(30));
        assertThat(tally.cells("unknown")).isEmpty();
    }

    @Test
    void takingBackWhatWasAddedLeavesTheTallyAsIfItNeverCame() {
        Contribution kept = control("2025-02-01", "Gnosjö", Map.of("vehiclesChecked", 5), "c1");
        Contribution taken = control("2025-02-01", "Gnosjö", Map.of("vehiclesChecked", 7, "speedingOffences", 1),
                "c1", "c2");
        ActivityTally tally = ActivityTally.of(List.of(kept, taken));

        tally.remove(taken);

        assertThat(tally).isEqualTo(ActivityTally.of(List.of(kept)));
        assertThat(tally.commitmentIds()).as("no cell is left for c2").containsExactly("c1");
        assertThat(tally.cells("c1")).singleElement().satisfies(cell ->
                assertThat(cell.outcomes()).as("a measure no activity reports any more").containsOnlyKeys(
                        "vehiclesChecked"));
    }

    @Test
    void aCommitmentNamedTwiceCountsOnce() {
        ActivityTally tally = ActivityTally.of(List.of(control("2025-02-01", null, Map.of(), "c1", "c1")));

        assertThat(tally.cells("c1")).singleElement().satisfies(cell -> assertThat(cell.activities()).isEqualTo(1));
    }

    @Test
    void takingBackWhatWasNeverAddedFailsInsteadOfShowingAWrongFigure() {
        ActivityTally tally = ActivityTally.of(List.of(control("2025-02-01", null, Map.of(), "c1")));

        assertThatThrownBy(() -> tally.remove(control("2025-02-02", null, Map.of(), "c1")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tally.remove(control("2025-02-01", null, Map.of("vehiclesChecked", 3), "c1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyTheActivitiesOfAMunicipalityWhateverTheCaseOfItsName() {
        ActivityTally tally = ActivityTally.of(List.of(control("2025-02-01", "Gnosjö", Map.of(), "c1"),
                control("2025-02-01", "gnosjö", Map.of(), "c1"), control("2025-02-01", "Värnamo", Map.of(), "c1"),
                control("2025-02-01", null, Map.of(), "c1")));

        assertThat(tally.inMunicipality("GNOSJÖ").cells("c1")).extracting(Cell::municipality)
                .containsExactlyInAnyOrder("Gnosjö", "gnosjö");
    }

    @Test
    void aStoredTallyReadsBackEqual() {
        ActivityTally tally = ActivityTally.of(List.of(control("2025-02-01", "Gnosjö", Map.of("vehiclesChecked", 5,
                        "speedingOffences", 0), "c1", "c2"),
                new Contribution(ActivityKind.SAFETY_WALK, LocalDate.parse("2025-03-01"), List.of("c2"), null,
                        Map.of(), true)));
        PromiseTally stored = new PromiseTally("p1", 17, Instant.parse("2025-03-01T10:00:00.123Z"), tally);

        PromiseTally read = TallyStore.decode(TallyStore.encode(stored));

        assertThat(read.promiseId).isEqualTo("p1");
        assertThat(read.lastSequence).isEqualTo(17);
        assertThat(read.lastChangedAt).isEqualTo(stored.lastChangedAt);
        assertThat(read.tally).isEqualTo(tally);
    }
}

package se.medborgarlofte.events;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code a reader can meet has its Swedish word in the one bundle. */
class CodeLabelsTest {

    @Test
    void everyActivityKindOwnerAndStatusHasASwedishWord() {
        Arrays.stream(ActivityKind.values()).forEach(kind -> assertThat(CodeLabels.kind(kind)).as(kind.name())
                .isNotBlank().doesNotContain("_"));
        Arrays.stream(Party.values()).forEach(party -> {
            assertThat(CodeLabels.owner(party)).as(party.name()).isNotBlank();
            assertThat(CodeLabels.party(party)).as(party.name()).isNotBlank();
        });
        Arrays.stream(PaceStatus.values()).forEach(status -> assertThat(CodeLabels.status(status)).as(status.name())
                .isNotBlank().isLowerCase());
        assertThat(CodeLabels.noStatus()).isEqualTo("inte bedömt");
        Arrays.stream(FindingCategory.values()).forEach(category -> assertThat(CodeLabels.category(category))
                .as(category.name()).isNotBlank().doesNotContain("_"));
        Arrays.stream(Responsible.values()).forEach(responsible -> assertThat(
                CodeLabels.responsible(responsible, null)).as(responsible.name()).isNotBlank());
        Arrays.stream(FindingStatus.values()).forEach(status -> assertThat(CodeLabels.findingStatus(status))
                .as(status.name()).isNotBlank().isLowerCase());
    }

    @Test
    void anotherResponsiblePartyIsCalledByItsName() {
        assertThat(CodeLabels.responsible(Responsible.OTHER, "Gnosjöhem")).isEqualTo("Gnosjöhem");
        assertThat(CodeLabels.responsible(Responsible.MUNICIPALITY, "Gnosjöhem")).isEqualTo("Kommunen");
        assertThat(CodeLabels.category(FindingCategory.LITTER)).isEqualTo("Nedskräpning");
    }

    @Test
    void theWordsAreTheOnesReadersKnow() {
        assertThat(CodeLabels.kind(ActivityKind.EST_SITUATION_REPORT)).isEqualTo("EST-lägesbild");
        assertThat(CodeLabels.kind(ActivityKind.SAFETY_PATROL)).isEqualTo("Trygghetsrunda");
        assertThat(CodeLabels.owner(Party.JOINT)).isEqualTo("Tillsammans");
        assertThat(CodeLabels.status(PaceStatus.BEHIND)).isEqualTo("efter plan");
        assertThat(CodeLabels.kind(null)).isEmpty();
    }

    @Test
    void everyShapeCadenceSourceAndDeclaredOutcomeMeasureHasASwedishWord() {
        Arrays.stream(CommitmentShape.values()).forEach(shape -> assertThat(CodeLabels.shape(shape)).isNotBlank());
        Arrays.stream(Cadence.Every.values()).forEach(every -> assertThat(CodeLabels.every(every)).isNotBlank());
        Arrays.stream(TargetSource.values()).forEach(source -> assertThat(CodeLabels.targetSource(source)).isNotBlank());
        Arrays.stream(ActivityKind.values()).forEach(kind -> {
            assertThat(OutcomeMeasures.of(kind)).as(kind.name()).isNotEmpty();
            OutcomeMeasures.of(kind).forEach(measure -> {
                assertThat(measure.label()).as(measure.key()).isNotEqualTo(measure.key()).isLowerCase();
                assertThat(measure.unit()).as(measure.key()).isNotBlank();
            });
        });
        assertThat(OutcomeMeasures.of(ActivityKind.TRAFFIC_CONTROL)).extracting(OutcomeMeasure::label)
                .startsWith("kontrollerade förare");
        assertThat(OutcomeMeasures.declares(ActivityKind.SAFETY_WALK, "vehiclesChecked")).isFalse();
        assertThat(CodeLabels.outcome("checkedDrivers")).as("a key stored before the catalogue").isEqualTo("checkedDrivers");
    }
}

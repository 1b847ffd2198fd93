package se.medborgarlofte.command.promise;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AmendPromise;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.PromiseRejected.Invalid;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.TargetSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static se.medborgarlofte.command.promise.PromiseTest.A1;
import static se.medborgarlofte.command.promise.PromiseTest.CLOCK;
import static se.medborgarlofte.command.promise.PromiseTest.CONTROL;
import static se.medborgarlofte.command.promise.PromiseTest.END;
import static se.medborgarlofte.command.promise.PromiseTest.ID;
import static se.medborgarlofte.command.promise.PromiseTest.START;
import static se.medborgarlofte.command.promise.PromiseTest.TERMS;
import static se.medborgarlofte.command.promise.PromiseTest.TRAFFIC_CONTROLS;
import static se.medborgarlofte.command.promise.PromiseTest.brokenRule;
import static se.medborgarlofte.command.promise.PromiseTest.controlRecorded;
import static se.medborgarlofte.command.promise.PromiseTest.record;
import static se.medborgarlofte.command.promise.PromiseTest.rejection;
import static se.medborgarlofte.command.promise.PromiseTest.signed;
import static se.medborgarlofte.command.promise.PromiseTest.trafficControlsAdded;
import static se.medborgarlofte.events.ActivityKind.EST_SITUATION_REPORT;
import static se.medborgarlofte.events.ActivityKind.SAFETY_WALK;
import static se.medborgarlofte.events.ActivityKind.TRAFFIC_CONTROL;
import static se.medborgarlofte.events.Party.JOINT;
import static se.medborgarlofte.events.Party.MUNICIPALITY;
import static se.medborgarlofte.events.Party.POLICE;

/**
 * The rules of commitment shapes, municipalities, outcome measures and causes, one test per rule (issue: the model
 * fits the real promises). Same fixture and sample data as {@link PromiseTest}.
 */
class ShapesAndPlacesTest {

    static final CommitmentId LAGESBILD = CommitmentId.of("lagesbild");
    static final CommitmentId WALKS = CommitmentId.of("walks");

    /** A promise for three municipalities, like Gullspång 2023–2024. */
    static final PromiseTerms THREE = new PromiseTerms(TERMS.title(), List.of("Gullspång", "Mariestad", "Töreboda"),
            TERMS.policeArea(), START, END, TERMS.signedOn(), TERMS.signatories(), TERMS.statement(),
            TERMS.situationSources(), TERMS.followUp(), TERMS.focusAreas(), "Medborgarlöfte 2023–2024 (pdf)",
            List.of("signatories"));

    static CommitmentTerms shaped(CommitmentShape shape, Integer target, Cadence cadence, LocalDate dueOn) {
        return new CommitmentTerms("Lägesbild", "", JOINT, "TRAFFIC", Set.of(EST_SITUATION_REPORT), target, shape,
                cadence, dueOn, List.of(), Map.of(), null, TargetSource.ASSUMED);
    }

    static CommitmentTerms walks(List<String> municipalities, Map<String, Integer> targets) {
        return new CommitmentTerms("Trygghetsvandringar", "", MUNICIPALITY, "YOUTH", Set.of(SAFETY_WALK), 6,
                CommitmentShape.COUNT, null, null, municipalities, targets, null, TargetSource.SIGNED_TEXT);
    }

    static ActivityDetails walk(String municipality, Map<String, Integer> outcomes) {
        return new ActivityDetails(SAFETY_WALK, LocalDate.of(2025, 4, 2), "Parken", MUNICIPALITY, List.of(WALKS),
                List.of(), outcomes, "", municipality, "Centrum", null, false);
    }

    AggregateTestFixture<Promise> fixture;

    @BeforeEach
    void setUp() {
        fixture = PromiseTest.adminFixture();
    }

    // --- shapes --------------------------------------------------------------------------------------------

    @Test
    void aMonthlyDutyIsAddedWithItsCadence() {
        CommitmentTerms monthly = shaped(CommitmentShape.CADENCE, null, new Cadence(Cadence.Every.MONTH, 1), null);
        fixture.given(signed())
                .when(new AddCommitment(ID, LAGESBILD, monthly))
                .expectEvents(new CommitmentAdded(ID, LAGESBILD, monthly));
    }

    @Test
    void aCadenceCommitmentNeedsItsCadence() {
        brokenRule(fixture.given(signed()).when(new AddCommitment(ID, LAGESBILD,
                shaped(CommitmentShape.CADENCE, null, null, null))), Rule.CADENCE_REQUIRED);
    }

    @Test
    void aMilestoneNeedsADueDateInsideThePeriod() {
        brokenRule(fixture.given(signed()).when(new AddCommitment(ID, LAGESBILD,
                shaped(CommitmentShape.MILESTONE, null, null, END.plusDays(1)))), Rule.DUE_DATE_REQUIRED);
    }

    @Test
    void aCommitmentDoneWhenNeededHasNoTarget() {
        brokenRule(fixture.given(signed()).when(new AddCommitment(ID, LAGESBILD,
                shaped(CommitmentShape.AS_NEEDED, 4, null, null))), Rule.FIELD_NOT_FOR_SHAPE);
    }

    @Test
    void aTargetOnAnOutcomeMeasureMustBeOneTheCountedKindsReport() {
        CommitmentTerms drivers = new CommitmentTerms("Kontrollerade förare", "", POLICE, "TRAFFIC",
                Set.of(TRAFFIC_CONTROL), 200, CommitmentShape.COUNT, null, null, List.of(), Map.of(),
                "vehiclesChecked", TargetSource.ASSUMED);
        fixture.given(signed()).when(new AddCommitment(ID, TRAFFIC_CONTROLS, drivers))
                .expectEvents(new CommitmentAdded(ID, TRAFFIC_CONTROLS, drivers));
        brokenRule(fixture.given(signed()).when(new AddCommitment(ID, TRAFFIC_CONTROLS, new CommitmentTerms(
                "Fynd", "", POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 200, CommitmentShape.COUNT, null, null,
                List.of(), Map.of(), "findingsReported", null))), Rule.UNKNOWN_OUTCOME_MEASURE);
    }

    // --- municipalities ------------------------------------------------------------------------------------

    @Test
    void aCommitmentAppliesOnlyToThePromisesMunicipalities() {
        brokenRule(fixture.given(new PromiseSigned(ID, THREE)).when(new AddCommitment(ID, WALKS,
                walks(List.of("Skövde"), Map.of()))), Rule.UNKNOWN_MUNICIPALITY);
    }

    @Test
    void aTargetPerMunicipalityNamesOneTheCommitmentAppliesTo() {
        brokenRule(fixture.given(new PromiseSigned(ID, THREE)).when(new AddCommitment(ID, WALKS,
                walks(List.of("Gullspång", "Mariestad"), Map.of("Töreboda", 2)))), Rule.UNKNOWN_MUNICIPALITY);
    }

    @Test
    void anActivityInAPromiseOfSeveralMunicipalitiesNamesOne() {
        brokenRule(fixture.given(new PromiseSigned(ID, THREE), new CommitmentAdded(ID, WALKS, walks(List.of(), Map.of())))
                .when(new RecordActivity(ID, A1, walk(null, Map.of()), false)), Rule.MUNICIPALITY_REQUIRED);
    }

    @Test
    void anActivityNamesOneOfThePromisesMunicipalities() {
        brokenRule(fixture.given(new PromiseSigned(ID, THREE), new CommitmentAdded(ID, WALKS, walks(List.of(), Map.of())))
                .when(new RecordActivity(ID, A1, walk("Skövde", Map.of()), false)), Rule.UNKNOWN_MUNICIPALITY);
    }

    @Test
    void anActivityCountsOnlyForCommitmentsOfItsMunicipality() {
        brokenRule(fixture.given(new PromiseSigned(ID, THREE),
                        new CommitmentAdded(ID, WALKS, walks(List.of("Gullspång"), Map.of("Gullspång", 3))))
                .when(new RecordActivity(ID, A1, walk("Töreboda", Map.of()), false)), Rule.NOT_FOR_MUNICIPALITY);
    }

    @Test
    void aMunicipalityACommitmentNamesCannotBeAmendedAway() {
        PromiseTerms two = new PromiseTerms(THREE.title(), List.of("Mariestad", "Töreboda"), THREE.policeArea(), START,
                END, THREE.signedOn(), THREE.signatories(), THREE.statement(), THREE.situationSources(),
                THREE.followUp(), THREE.focusAreas(), THREE.sourceDocument(), THREE.assumedFields());
        brokenRule(fixture.given(new PromiseSigned(ID, THREE),
                        new CommitmentAdded(ID, WALKS, walks(List.of("Gullspång"), Map.of())))
                .when(new AmendPromise(ID, two, "Gullspång lämnar")), Rule.MUNICIPALITY_IN_USE);
    }

    @Test
    void aCoordinatorForSeveralMunicipalitiesActsForAnyOfThem() {
        ActivityDetails walk = walk("Töreboda", Map.of("residentsParticipating", 12));
        fixture.given(new PromiseSigned(ID, THREE), new CommitmentAdded(ID, WALKS, walks(List.of(), Map.of())))
                .when(new RecordActivity(ID, A1, walk, false), Map.of("role", "EDITOR",
                        "organisation", "Skövde, Töreboda"))
                .expectEvents(new ActivityRecorded(ID, A1, walk, false));
    }

    // --- outcome measures ----------------------------------------------------------------------------------

    @Test
    void aNewRecordReportsOnlyTheMeasuresItsKindDeclares() {
        fixture.given(signed(), trafficControlsAdded())
                .when(record(withOutcomes(Map.of("vehiclesChecked", 40, "walkers", 3))))
                .expectException(rejection(Invalid.class, Rule.UNKNOWN_OUTCOME))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("walkers"))
                .expectNoEvents();
    }

    @Test
    void aRecordStoredWithOtherKeysIsStillRecognisedWhenSentAgain() {
        ActivityDetails old = withOutcomes(Map.of("checkedDrivers", 40));
        fixture.given(signed(), trafficControlsAdded(), new ActivityRecorded(ID, A1, old, false))
                .when(record(old))
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    void aCorrectionKeepsStoredKeysButAddsOnlyDeclaredOnes() {
        ActivityDetails old = withOutcomes(Map.of("checkedDrivers", 40));
        ActivityDetails placed = new ActivityDetails(TRAFFIC_CONTROL, CONTROL.occurredOn(), "Torget", POLICE,
                CONTROL.commitmentIds(), CONTROL.participants(), old.outcomes(), CONTROL.notes());
        fixture.given(signed(), trafficControlsAdded(), new ActivityRecorded(ID, A1, old, false))
                .when(new CorrectActivity(ID, A1, new ActivityChanges(null, null, "Torget", null, null, null, null,
                        null), "Fel plats"))
                .expectEvents(new ActivityCorrected(ID, A1, placed, "Fel plats"));
        fixture.given(signed(), trafficControlsAdded(), new ActivityRecorded(ID, A1, old, false))
                .when(new CorrectActivity(ID, A1, new ActivityChanges(null, null, null, null, null, null,
                        Map.of("checkedDrivers", 40, "stoppedBikes", 2), null), "Fler"))
                .expectException(rejection(Invalid.class, Rule.UNKNOWN_OUTCOME))
                .expectNoEvents();
    }

    // --- causes --------------------------------------------------------------------------------------------

    @Test
    void anActivityMayNameTheActivityThatCausedIt() {
        ActivityDetails caused = new ActivityDetails(TRAFFIC_CONTROL, CONTROL.occurredOn(), "Skolgatan", POLICE,
                CONTROL.commitmentIds(), List.of(), Map.of(), "", null, null, "a1", false);
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new RecordActivity(ID, ActivityId.of("a2"), caused, false))
                .expectSuccessfulHandlerExecution();
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new RecordActivity(ID, ActivityId.of("a2"), caused, false)), Rule.UNKNOWN_CAUSE);
    }

    private static ActivityDetails withOutcomes(Map<String, Integer> outcomes) {
        return new ActivityDetails(TRAFFIC_CONTROL, CONTROL.occurredOn(), CONTROL.place(), POLICE,
                CONTROL.commitmentIds(), CONTROL.participants(), outcomes, CONTROL.notes());
    }
}

package se.medborgarlofte.command.promise;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.FindingCommands.CompleteMeasure;
import se.medborgarlofte.command.promise.FindingCommands.DeclineMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PlanMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PublishFinding;
import se.medborgarlofte.command.promise.FindingCommands.RecordFinding;
import se.medborgarlofte.command.promise.FindingCommands.ReportBack;
import se.medborgarlofte.command.promise.FindingCommands.UnpublishFinding;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.FindingCategory;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.events.Responsible;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import static se.medborgarlofte.command.promise.PromiseTest.CLOCK;
import static se.medborgarlofte.command.promise.PromiseTest.ID;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_EDITOR;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.POLICE_EDITOR;
import static se.medborgarlofte.command.promise.PromiseTest.SAFETY_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.TODAY;
import static se.medborgarlofte.command.promise.PromiseTest.activity;
import static se.medborgarlofte.command.promise.PromiseTest.added;
import static se.medborgarlofte.command.promise.PromiseTest.brokenRule;
import static se.medborgarlofte.command.promise.PromiseTest.closed;
import static se.medborgarlofte.command.promise.PromiseTest.notFound;
import static se.medborgarlofte.command.promise.PromiseTest.recorded;
import static se.medborgarlofte.command.promise.PromiseTest.rejection;
import static se.medborgarlofte.command.promise.PromiseTest.retracted;
import static se.medborgarlofte.command.promise.PromiseTest.signed;
import static se.medborgarlofte.events.ActivityKind.SAFETY_WALK;
import static se.medborgarlofte.events.Party.MUNICIPALITY;

/** The rules for findings and their åtgärder, one test per rule (rules 13–17 in the README). */
class FindingsTest {

    static final ActivityId WALK_ID = ActivityId.of("walk-1");
    static final LocalDate WALKED_ON = LocalDate.of(2025, 4, 10);
    static final ActivityDetails WALK = activity(SAFETY_WALK, WALKED_ON, MUNICIPALITY, SAFETY_WALKS);
    static final FindingId F1 = FindingId.of("f1");
    static final MeasureId M1 = MeasureId.of("m1");
    static final FindingDetails DARK_PATH = new FindingDetails(WALK_ID, "Mörk gång bakom Storgatan 5",
            "Storgatan 5", FindingCategory.LIGHTING, Responsible.MUNICIPALITY, null);
    static final MeasurePlan NEW_LAMPS = new MeasurePlan("Sätta upp två nya lampor", Responsible.MUNICIPALITY, null,
            LocalDate.of(2025, 5, 15));
    static final MeasurePlan HOUSING_TRIMS = new MeasurePlan("Klippa buskarna", Responsible.OTHER, "Testbyhem",
            LocalDate.of(2025, 5, 1));

    static PromiseEvent[] walkRecorded(PromiseEvent... more) {
        PromiseEvent[] events = new PromiseEvent[3 + more.length];
        events[0] = signed();
        events[1] = added(SAFETY_WALKS, MUNICIPAL_WALKS);
        events[2] = recorded(WALK_ID, WALK);
        System.arraycopy(more, 0, events, 3, more.length);
        return events;
    }

    static FindingRecorded found() {
        return new FindingRecorded(ID, F1, DARK_PATH, WALKED_ON);
    }

    static MeasurePlanned planned() {
        return new MeasurePlanned(ID, F1, M1, NEW_LAMPS);
    }

    AggregateTestFixture<Promise> fixture;

    @BeforeEach
    void setUp() {
        fixture = PromiseTest.adminFixture();
    }

    // --- recording a finding -----------------------------------------------------------------------------

    @Test
    void aFindingIsRecordedFromAnActivityOnTheActivitysDate() {
        fixture.given((Object[]) walkRecorded())
                .when(new RecordFinding(ID, F1, DARK_PATH))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(found());
    }

    @Test
    void aFindingNeedsAnActivityOfThePromise() {
        brokenRule(fixture.given((Object[]) walkRecorded())
                .when(new RecordFinding(ID, F1, new FindingDetails(ActivityId.of("nope"), "x", "y",
                        FindingCategory.OTHER, Responsible.POLICE, null))), Rule.UNKNOWN_ACTIVITY);
    }

    @Test
    void aRetractedActivityFindsNothing() {
        brokenRule(fixture.given((Object[]) walkRecorded(retracted(WALK_ID)))
                .when(new RecordFinding(ID, F1, DARK_PATH)), Rule.ACTIVITY_RETRACTED);
    }

    @Test
    void recordingTheSameFindingAgainAddsNothing() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new RecordFinding(ID, F1, DARK_PATH))
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    void reusingAFindingIdForOtherContentIsRejected() {
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new RecordFinding(ID, F1, new FindingDetails(WALK_ID, "Annat", "Torget",
                        FindingCategory.LITTER, Responsible.MUNICIPALITY, null))), Rule.FINDING_ID_REUSED);
    }

    @Test
    void anotherResponsiblePartyMustBeNamed() {
        brokenRule(fixture.given((Object[]) walkRecorded())
                .when(new RecordFinding(ID, F1, new FindingDetails(WALK_ID, "Buskar", "Gården",
                        FindingCategory.VEGETATION, Responsible.OTHER, " "))), Rule.RESPONSIBLE_NAME_REQUIRED);
    }

    @Test
    void findingsComeFromTheEditorsOwnSidesWork() {
        fixture.given((Object[]) walkRecorded()).when(new RecordFinding(ID, F1, DARK_PATH), POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given((Object[]) walkRecorded()).when(new RecordFinding(ID, F1, DARK_PATH), MUNICIPAL_EDITOR)
                .expectEvents(found());
    }

    // --- measures ---------------------------------------------------------------------------------------------

    @Test
    void planningAMeasure() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new PlanMeasure(ID, F1, M1, HOUSING_TRIMS))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(new MeasurePlanned(ID, F1, M1, HOUSING_TRIMS));
    }

    @Test
    void planningTheSameMeasureAgainAddsNothing() {
        fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new PlanMeasure(ID, F1, M1, NEW_LAMPS))
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    void reusingAMeasureIdForAnotherPlanIsRejected() {
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new PlanMeasure(ID, F1, M1, HOUSING_TRIMS)), Rule.MEASURE_ID_REUSED);
    }

    @Test
    void aMeasureCannotBePlannedBeforeTheFinding() {
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new PlanMeasure(ID, F1, M1, new MeasurePlan("Lampor", Responsible.MUNICIPALITY, null,
                        WALKED_ON.minusDays(1)))), Rule.BEFORE_FINDING);
    }

    @Test
    void aMeasureMayBePlannedForAfterToday() {
        MeasurePlan later = new MeasurePlan("Ny belysning", Responsible.MUNICIPALITY, null, TODAY.plusMonths(3));
        fixture.given((Object[]) walkRecorded(found()))
                .when(new PlanMeasure(ID, F1, M1, later))
                .expectEvents(new MeasurePlanned(ID, F1, M1, later));
    }

    @Test
    void aMeasureForAnotherPartyNamesIt() {
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new PlanMeasure(ID, F1, M1, new MeasurePlan("Klippa", Responsible.OTHER, null, TODAY))),
                Rule.RESPONSIBLE_NAME_REQUIRED);
    }

    @Test
    void completingAMeasure() {
        fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new CompleteMeasure(ID, F1, M1, TODAY, "Två lampor uppsatta"))
                .expectEvents(new MeasureCompleted(ID, F1, M1, TODAY, "Två lampor uppsatta"));
    }

    @Test
    void aMeasureCannotBeDoneInTheFuture() {
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new CompleteMeasure(ID, F1, M1, TODAY.plusDays(1), "I morgon")), Rule.IN_FUTURE);
    }

    @Test
    void aMeasureCannotBeDoneBeforeTheFinding() {
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new CompleteMeasure(ID, F1, M1, WALKED_ON.minusDays(1), "Innan")), Rule.BEFORE_FINDING);
    }

    @Test
    void decliningAMeasure() {
        fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new DeclineMeasure(ID, F1, M1, "Fastighetsägaren åtgärdar själv"))
                .expectEvents(new MeasureDeclined(ID, F1, M1, "Fastighetsägaren åtgärdar själv"));
    }

    @Test
    void decliningNeedsAReason() {
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new DeclineMeasure(ID, F1, M1, "")), Rule.REASON_REQUIRED);
    }

    @Test
    void aSettledMeasureCannotBeCompletedOrDeclinedAgain() {
        MeasureCompleted done = new MeasureCompleted(ID, F1, M1, TODAY, "Klart");
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned(), done))
                .when(new CompleteMeasure(ID, F1, M1, TODAY, "Igen")), Rule.MEASURE_SETTLED);
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned(), done))
                .when(new DeclineMeasure(ID, F1, M1, "Ändå inte")), Rule.MEASURE_SETTLED);
    }

    @Test
    void theSideResponsibleForAMeasureCarriesItOut() {
        fixture.given((Object[]) walkRecorded(found(), planned()))
                .when(new CompleteMeasure(ID, F1, M1, TODAY, "Klart"), POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given((Object[]) walkRecorded(found()))
                .when(new PlanMeasure(ID, F1, M1, HOUSING_TRIMS), POLICE_EDITOR)
                .expectEvents(new MeasurePlanned(ID, F1, M1, HOUSING_TRIMS));
    }

    // --- återkoppling and publishing -----------------------------------------------------------------------

    @Test
    void reportingBackToTheResidents() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new ReportBack(ID, F1, TODAY, "Anslag i trapphusen"))
                .expectEvents(new FindingReportedBack(ID, F1, TODAY, "Anslag i trapphusen"));
    }

    @Test
    void aReportBackIsNotInTheFutureNorBeforeTheFinding() {
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new ReportBack(ID, F1, TODAY.plusDays(1), "Möte")), Rule.IN_FUTURE);
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new ReportBack(ID, F1, WALKED_ON.minusDays(1), "Möte")), Rule.BEFORE_FINDING);
    }

    @Test
    void publishingAFindingsPublicWording() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new PublishFinding(ID, F1, "Det är mörkt på gångvägen", "Centrum", ""))
                .expectEvents(new FindingPublished(ID, F1, "Det är mörkt på gångvägen", "Centrum", ""));
    }

    @Test
    void publishingTheSameWordingAgainIsRejected() {
        brokenRule(fixture.given((Object[]) walkRecorded(found(),
                        new FindingPublished(ID, F1, "Mörkt", "Centrum", "")))
                .when(new PublishFinding(ID, F1, "Mörkt", "Centrum", "")), Rule.NOTHING_CHANGED);
    }

    @Test
    void unpublishingNeedsAPublishedFindingAndAReason() {
        brokenRule(fixture.given((Object[]) walkRecorded(found()))
                .when(new UnpublishFinding(ID, F1, "Namngav en person")), Rule.NOT_PUBLISHED);
        brokenRule(fixture.given((Object[]) walkRecorded(found(), new FindingPublished(ID, F1, "Mörkt", "Centrum", "")))
                .when(new UnpublishFinding(ID, F1, " ")), Rule.REASON_REQUIRED);
        fixture.given((Object[]) walkRecorded(found(), new FindingPublished(ID, F1, "Mörkt", "Centrum", "")))
                .when(new UnpublishFinding(ID, F1, "Namngav en person"))
                .expectEvents(new FindingUnpublished(ID, F1, "Namngav en person"));
    }

    @Test
    void aViewerChangesNoFinding() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new PublishFinding(ID, F1, "Mörkt", "Centrum", ""), Map.of("role", "VIEWER"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ROLE_MAY_NOT_CHANGE)).expectNoEvents();
    }

    @Test
    void aStaleIfMatchRefusesAFindingCommand() {
        fixture.given((Object[]) walkRecorded(found()))
                .when(new ReportBack(ID, F1, TODAY, "Möte"), Map.of("role", "ADMIN", Commands.EXPECTED_VERSION, 0L))
                .expectException(rejection(PromiseRejected.PreconditionFailed.class, Rule.STALE_VERSION))
                .expectNoEvents();
    }

    static Stream<Arguments> findingCommands() {
        return Stream.of(
                Arguments.of("record", new RecordFinding(ID, FindingId.of("f2"), DARK_PATH)),
                Arguments.of("plan", new PlanMeasure(ID, F1, MeasureId.of("m2"), NEW_LAMPS)),
                Arguments.of("complete", new CompleteMeasure(ID, F1, M1, TODAY, "Klart")),
                Arguments.of("decline", new DeclineMeasure(ID, F1, M1, "Nej")),
                Arguments.of("report back", new ReportBack(ID, F1, TODAY, "Möte")),
                Arguments.of("publish", new PublishFinding(ID, F1, "Mörkt", "Centrum", "")),
                Arguments.of("unpublish", new UnpublishFinding(ID, F1, "Fel")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findingCommands")
    void nothingChangesInAClosedPromise(String what, Object command) {
        brokenRule(fixture.given((Object[]) walkRecorded(found(), planned(),
                        new FindingPublished(ID, F1, "Mörkt gammalt", "Centrum", ""), closed()))
                .when(command), Rule.PROMISE_CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findingCommands")
    void anUnknownFindingIsNotFound(String what, Object command) {
        if (command instanceof RecordFinding) {
            return; // recording creates it
        }
        notFound(fixture.given((Object[]) walkRecorded()).when(command), Rule.UNKNOWN_FINDING);
    }

    @Test
    void anUnknownMeasureIsNotFound() {
        notFound(fixture.given((Object[]) walkRecorded(found()))
                .when(new CompleteMeasure(ID, F1, M1, TODAY, "Klart")), Rule.UNKNOWN_MEASURE);
        notFound(fixture.given((Object[]) walkRecorded(found()))
                .when(new DeclineMeasure(ID, F1, M1, "Nej")), Rule.UNKNOWN_MEASURE);
    }
}

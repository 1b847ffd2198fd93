package se.medborgarlofte.command.promise;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AmendPromise;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.ClosePromise;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.ReviseCommitment;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.command.promise.Commands.WithdrawCommitment;
import se.medborgarlofte.command.promise.PromiseRejected.NotFound;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.command.promise.PromiseRejected.RuleBroken;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseAmended;
import se.medborgarlofte.events.PromiseEvent.PromiseClosed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static se.medborgarlofte.events.ActivityKind.SAFETY_WALK;
import static se.medborgarlofte.events.ActivityKind.SCHOOL_VISIT;
import static se.medborgarlofte.events.ActivityKind.TRAFFIC_CONTROL;
import static se.medborgarlofte.events.Party.JOINT;
import static se.medborgarlofte.events.Party.MUNICIPALITY;
import static se.medborgarlofte.events.Party.POLICE;

/** The rules of the {@link Promise} aggregate, one test per rule, on a fixed "today" in Stockholm. */
class PromiseTest {

    // --- sample data -------------------------------------------------------------------------------------

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** 2025-06-15 00:30 in Stockholm, still 2025-06-14 in UTC: "today" must be taken in the clock's zone. */
    static final LocalDate TODAY = LocalDate.of(2025, 6, 15);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(LocalTime.of(0, 30)).atZone(STOCKHOLM).toInstant(), STOCKHOLM);

    static final PromiseId ID = PromiseId.of("testby-2025");
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final LocalDate END = LocalDate.of(2025, 12, 31);

    static final FocusArea TRAFFIC = new FocusArea("TRAFFIC", "Trafik");
    static final FocusArea YOUTH = new FocusArea("YOUTH", "Trygghet för unga");

    static final CommitmentId TRAFFIC_CONTROLS = CommitmentId.of("traffic-controls");
    static final CommitmentId SAFETY_WALKS = CommitmentId.of("safety-walks");
    static final CommitmentId SCHOOL_VISITS = CommitmentId.of("school-visits");

    static final ActivityId A1 = ActivityId.of("a1");

    static PromiseTerms terms(LocalDate from, LocalDate to, FocusArea... areas) {
        return new PromiseTerms("Medborgarlöfte Testby 2025", List.of("Testby"), "Lokalpolisområde Testby",
                from, to, LocalDate.of(2024, 12, 15),
                List.of(new Signatory("Eva Ek", "Kommunstyrelsens ordförande", MUNICIPALITY),
                        new Signatory("Per Polis", "Lokalpolisområdeschef", POLICE)),
                "Vi lovar att arbeta för ökad trygghet.", List.of("Medborgardialog 2024"), "Varje kvartal",
                List.of(areas));
    }

    static final PromiseTerms TERMS = terms(START, END, TRAFFIC, YOUTH);

    static CommitmentTerms commitment(Party owner, String focusArea, Set<ActivityKind> kinds, Integer target) {
        return new CommitmentTerms("Åtagande " + owner, "Beskrivning", owner, focusArea, kinds, target);
    }

    /** Police, traffic, counts traffic controls, target 20. */
    static final CommitmentTerms POLICE_TRAFFIC = commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 20);
    /** Municipality, youth, counts safety walks, target 10. */
    static final CommitmentTerms MUNICIPAL_WALKS = commitment(MUNICIPALITY, "YOUTH", Set.of(SAFETY_WALK), 10);
    /** Joint, youth, counts school visits and safety walks, followed by assessment (no target). */
    static final CommitmentTerms JOINT_SCHOOLS = commitment(JOINT, "YOUTH", Set.of(SCHOOL_VISIT, SAFETY_WALK), null);

    static ActivityDetails activity(ActivityKind kind, LocalDate on, Party by, CommitmentId... commitmentIds) {
        return new ActivityDetails(kind, on, "Storgatan", by, List.of(commitmentIds), List.of("Lokalpolisen"),
                Map.of(OutcomeMeasures.of(kind).get(0).key(), 40), "Inga anmärkningar");
    }

    /** A police traffic control on 2025-03-01, counted for {@link #TRAFFIC_CONTROLS}. */
    static final ActivityDetails CONTROL = activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), POLICE, TRAFFIC_CONTROLS);

    static ActivityChanges noChanges() {
        return new ActivityChanges(null, null, null, null, null, null, null, null);
    }

    static ActivityChanges changeOccurredOn(LocalDate on) {
        return new ActivityChanges(null, on, null, null, null, null, null, null);
    }

    static ActivityChanges changeCommitments(CommitmentId... ids) {
        return new ActivityChanges(null, null, null, null, List.of(ids), null, null, null);
    }

    // --- events -----------------------------------------------------------------------------------------

    static PromiseSigned signed() {
        return new PromiseSigned(ID, TERMS);
    }

    static CommitmentAdded added(CommitmentId id, CommitmentTerms terms) {
        return new CommitmentAdded(ID, id, terms);
    }

    static CommitmentAdded trafficControlsAdded() {
        return added(TRAFFIC_CONTROLS, POLICE_TRAFFIC);
    }

    static CommitmentWithdrawn withdrawn(CommitmentId id) {
        return new CommitmentWithdrawn(ID, id, "Prioriteras om");
    }

    static ActivityRecorded recorded(ActivityId id, ActivityDetails details) {
        return new ActivityRecorded(ID, id, details, false);
    }

    static ActivityRecorded controlRecorded() {
        return recorded(A1, CONTROL);
    }

    static ActivityRetracted retracted(ActivityId id) {
        return new ActivityRetracted(ID, id, "Registrerad av misstag");
    }

    static PromiseClosed closed() {
        return new PromiseClosed(ID, TODAY, "Sammanfattning");
    }

    static RecordActivity record(ActivityDetails details) {
        return new RecordActivity(ID, A1, details, false);
    }

    // --- assertions -------------------------------------------------------------------------------------

    /** Matches a {@link PromiseRejected} of exactly {@code type} that names {@code rule}. */
    static Matcher<Throwable> rejection(Class<? extends PromiseRejected> type, Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return type.isInstance(e) && ((PromiseRejected) e).rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(type.getSimpleName() + " for rule " + rule);
            }

            @Override
            protected void describeMismatchSafely(Throwable e, Description description) {
                description.appendText("was " + e.getClass().getName()
                        + (e instanceof PromiseRejected r ? " for rule " + r.rule() : "") + ": " + e.getMessage());
            }
        };
    }

    /** The command broke {@code rule}; nothing was written. */
    static void brokenRule(ResultValidator<Promise> result, Rule rule) {
        result.expectException(RuleBroken.class)
                .expectException(rejection(RuleBroken.class, rule))
                .expectNoEvents();
    }

    /** An id the command named does not exist; nothing was written. */
    static void notFound(ResultValidator<Promise> result, Rule rule) {
        result.expectException(NotFound.class)
                .expectException(rejection(NotFound.class, rule))
                .expectNoEvents();
    }

    AggregateTestFixture<Promise> fixture;

    /** The aggregate on the fixed clock; commands come from an administrator unless a test says otherwise. */
    static AggregateTestFixture<Promise> adminFixture() {
        AggregateTestFixture<Promise> fixture = new AggregateTestFixture<>(Promise.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerCommandDispatchInterceptor(messages -> (index, message) ->
                message.getMetaData().containsKey("role") ? message : message.andMetaData(Map.of("role", "ADMIN")));
        return fixture;
    }

    @BeforeEach
    void setUp() {
        fixture = adminFixture();
    }

    @Test
    void theFixedClockSaysTodayInStockholm() {
        assertThat(LocalDate.now(CLOCK)).isEqualTo(TODAY);
        assertThat(TERMS.covers(TODAY)).isTrue();
    }

    // --- signing and amending ----------------------------------------------------------------------------

    @Test
    void signingAPromiseRecordsItsTerms() {
        fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, TERMS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PromiseSigned(ID, TERMS));
    }

    @Test
    void periodMustNotEndBeforeItStarts() {
        brokenRule(fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, terms(END, START, TRAFFIC)))
                .expectExceptionMessage(containsString("slutar före den börjar")), Rule.INVALID_PERIOD);
    }

    @Test
    void aPeriodOfOneDayIsFine() {
        PromiseTerms oneDay = terms(START, START, TRAFFIC);
        fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, oneDay))
                .expectEvents(new PromiseSigned(ID, oneDay));
    }

    @Test
    void periodMayNotBeLongerThanThreeYears() {
        brokenRule(fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, terms(START, START.plusYears(3).plusDays(1), TRAFFIC)))
                .expectExceptionMessage(containsString("längre än tre år")), Rule.INVALID_PERIOD);
    }

    @Test
    void aPromiseCannotBeSignedAfterItsPeriodEnds() {
        // signed 2024-12-15 (see terms), for a period that ended the day before
        brokenRule(fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, terms(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 14), TRAFFIC)))
                .expectExceptionMessage(containsString("undertecknades efter")), Rule.INVALID_PERIOD);
    }

    @Test
    void focusAreasMustBeUnique() {
        brokenRule(fixture.givenNoPriorActivity()
                .when(new SignPromise(ID, terms(START, END, TRAFFIC, new FocusArea("TRAFFIC", "Trafik igen")))),
                Rule.DUPLICATE_FOCUS_AREA);
    }

    @Test
    void amendingAPromiseReplacesItsTerms() {
        PromiseTerms amended = terms(START, LocalDate.of(2026, 12, 31), TRAFFIC, YOUTH);
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new AmendPromise(ID, amended, "Förlängt ett år"))
                .expectEvents(new PromiseAmended(ID, amended, "Förlängt ett år"));
    }

    @Test
    void amendmentNeedsAReason() {
        brokenRule(fixture.given(signed())
                .when(new AmendPromise(ID, terms(START, END, TRAFFIC), " ")), Rule.REASON_REQUIRED);
    }

    @Test
    void amendmentIsCheckedLikeASigning() {
        brokenRule(fixture.given(signed())
                .when(new AmendPromise(ID, terms(END, START, TRAFFIC, YOUTH), "Fel ordning")), Rule.INVALID_PERIOD);
    }

    @Test
    void amendmentThatChangesNothingIsRejected() {
        brokenRule(fixture.given(signed())
                .when(new AmendPromise(ID, TERMS, "Samma igen")), Rule.NOTHING_CHANGED);
    }

    @Test
    void amendmentCannotDropAFocusAreaInUse() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new AmendPromise(ID, terms(START, END, YOUTH), "Trafik tas bort")), Rule.FOCUS_AREA_IN_USE);
    }

    @Test
    void amendmentMayDropAFocusAreaUsedOnlyByWithdrawnCommitments() {
        PromiseTerms amended = terms(START, END, YOUTH);
        fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(new AmendPromise(ID, amended, "Trafik tas bort"))
                .expectEvents(new PromiseAmended(ID, amended, "Trafik tas bort"));
    }

    @Test
    void amendmentCannotMoveThePeriodAwayFromRecordedActivities() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new AmendPromise(ID, terms(LocalDate.of(2025, 4, 1), END, TRAFFIC, YOUTH), "Senare start")),
                Rule.ACTIVITIES_OUTSIDE_PERIOD);
    }

    @Test
    void amendmentMayMoveThePeriodAwayFromRetractedActivities() {
        PromiseTerms amended = terms(LocalDate.of(2025, 4, 1), END, TRAFFIC, YOUTH);
        fixture.given(signed(), trafficControlsAdded(), controlRecorded(), retracted(A1))
                .when(new AmendPromise(ID, amended, "Senare start"))
                .expectEvents(new PromiseAmended(ID, amended, "Senare start"));
    }

    @Test
    void amendmentCannotMoveThePeriodAwayFromAssessments() {
        PromiseTerms amended = terms(LocalDate.of(2025, 4, 1), END, TRAFFIC, YOUTH);
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS),
                        new CommitmentAssessed(ID, SCHOOL_VISITS, LocalDate.of(2025, 2, 1), PaceStatus.ON_TRACK, "Bra"))
                .when(new AmendPromise(ID, amended, "Senare start")), Rule.ASSESSMENTS_OUTSIDE_PERIOD);
        PromiseTerms shorter = terms(START, LocalDate.of(2025, 5, 31), TRAFFIC, YOUTH);
        fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS),
                        new CommitmentAssessed(ID, SCHOOL_VISITS, LocalDate.of(2025, 2, 1), PaceStatus.ON_TRACK, "Bra"))
                .when(new AmendPromise(ID, shorter, "Kortare period"))
                .expectEvents(new PromiseAmended(ID, shorter, "Kortare period"));
    }

    @Test
    void amendmentIsCheckedAgainstTheEarliestAndLatestAssessmentWhateverTheOrderTheyWereMadeIn() {
        CommitmentAssessed may = new CommitmentAssessed(ID, SCHOOL_VISITS, LocalDate.of(2025, 5, 1), PaceStatus.BEHIND, "Sent");
        CommitmentAssessed march = new CommitmentAssessed(ID, SCHOOL_VISITS, LocalDate.of(2025, 3, 1), PaceStatus.ON_TRACK,
                "Bättre uppgift");
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS), may, march)
                .when(new AmendPromise(ID, terms(LocalDate.of(2025, 4, 1), END, TRAFFIC, YOUTH), "Senare start")),
                Rule.ASSESSMENTS_OUTSIDE_PERIOD);
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS), may, march)
                .when(new AmendPromise(ID, terms(START, LocalDate.of(2025, 4, 30), TRAFFIC, YOUTH), "Kortare period")),
                Rule.ASSESSMENTS_OUTSIDE_PERIOD);
    }

    // --- closing -------------------------------------------------------------------------------------------

    @Test
    void closingAPromise() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new ClosePromise(ID, TODAY, "Vi nådde målen"))
                .expectEvents(new PromiseClosed(ID, TODAY, "Vi nådde målen"));
    }

    @Test
    void closingBeforeTheStartIsRejected() {
        brokenRule(fixture.given(signed())
                .when(new ClosePromise(ID, START.minusDays(1), "För tidigt")), Rule.CLOSED_BEFORE_START);
    }

    @Test
    void closingInTheFutureIsRejected() {
        brokenRule(fixture.given(signed())
                .when(new ClosePromise(ID, TODAY.plusDays(1), "I morgon")), Rule.IN_FUTURE);
    }

    static Stream<Arguments> commandsOnAClosedPromise() {
        return Stream.of(
                Arguments.of("amend", new AmendPromise(ID, terms(START, END, TRAFFIC, YOUTH,
                        new FocusArea("NARCOTICS", "Narkotika")), "Nytt område")),
                Arguments.of("close again", new ClosePromise(ID, TODAY, "Igen")),
                Arguments.of("add commitment", new AddCommitment(ID, SAFETY_WALKS, MUNICIPAL_WALKS)),
                Arguments.of("revise commitment", new ReviseCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30), "Högre mål")),
                Arguments.of("withdraw commitment", new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "Avslutas")),
                Arguments.of("assess commitment", new AssessCommitment(ID, TRAFFIC_CONTROLS, TODAY,
                        PaceStatus.ON_TRACK, "Går bra")),
                Arguments.of("record new activity", new RecordActivity(ID, ActivityId.of("a2"), CONTROL, false)),
                Arguments.of("correct activity", new CorrectActivity(ID, A1,
                        changeOccurredOn(LocalDate.of(2025, 3, 2)), "Fel datum")),
                Arguments.of("retract activity", new RetractActivity(ID, A1, "Fel")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOnAClosedPromise")
    void nothingChangesInAClosedPromise(String what, Object command) {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded(), closed())
                .when(command), Rule.PROMISE_CLOSED);
    }

    // --- commitments ---------------------------------------------------------------------------------------

    @Test
    void addingACommitment() {
        fixture.given(signed())
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS, POLICE_TRAFFIC))
                .expectEvents(new CommitmentAdded(ID, TRAFFIC_CONTROLS, POLICE_TRAFFIC));
    }

    @Test
    void aCommitmentFollowedByAssessmentNeedsNoTarget() {
        fixture.given(signed())
                .when(new AddCommitment(ID, SCHOOL_VISITS, JOINT_SCHOOLS))
                .expectEvents(new CommitmentAdded(ID, SCHOOL_VISITS, JOINT_SCHOOLS));
    }

    @Test
    void duplicateCommitmentIdIsRejected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS, MUNICIPAL_WALKS)), Rule.COMMITMENT_EXISTS);
    }

    @Test
    void aWithdrawnCommitmentIdCannotBeReused() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS, POLICE_TRAFFIC)), Rule.COMMITMENT_EXISTS);
    }

    @Test
    void commitmentMustUseAFocusAreaOfThePromise() {
        brokenRule(fixture.given(signed())
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "NARCOTICS", Set.of(TRAFFIC_CONTROL), 20))), Rule.UNKNOWN_FOCUS_AREA);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void targetMustBePositive(int target) {
        brokenRule(fixture.given(signed())
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), target))), Rule.TARGET_NOT_POSITIVE);
    }

    @Test
    void commitmentMustCountAtLeastOneKind() {
        brokenRule(fixture.given(signed())
                .when(new AddCommitment(ID, TRAFFIC_CONTROLS, commitment(POLICE, "TRAFFIC", Set.of(), 20))),
                Rule.NO_COUNTED_KINDS);
    }

    @Test
    void revisingACommitment() {
        CommitmentTerms revised = commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30);
        fixture.given(signed(), trafficControlsAdded())
                .when(new ReviseCommitment(ID, TRAFFIC_CONTROLS, revised, "Högre mål"))
                .expectEvents(new CommitmentRevised(ID, TRAFFIC_CONTROLS, revised, "Högre mål"));
    }

    @Test
    void revisionNeedsAReason() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new ReviseCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30), "")), Rule.REASON_REQUIRED);
    }

    @Test
    void revisionIsCheckedLikeAnAddition() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new ReviseCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 0), "Inget mål")),
                Rule.TARGET_NOT_POSITIVE);
    }

    @Test
    void revisionThatChangesNothingIsRejected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new ReviseCommitment(ID, TRAFFIC_CONTROLS, POLICE_TRAFFIC, "Samma")), Rule.NOTHING_CHANGED);
    }

    @Test
    void aWithdrawnCommitmentCannotBeRevised() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(new ReviseCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30), "Högre mål")),
                Rule.COMMITMENT_WITHDRAWN);
    }

    @Test
    void withdrawingACommitment() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "Prioriteras om"))
                .expectEvents(new CommitmentWithdrawn(ID, TRAFFIC_CONTROLS, "Prioriteras om"));
    }

    @Test
    void withdrawalNeedsAReason() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, null)), Rule.REASON_REQUIRED);
    }

    @Test
    void aWithdrawnCommitmentCannotBeWithdrawnAgain() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "Igen")), Rule.COMMITMENT_WITHDRAWN);
    }

    @Test
    void assessingACommitment() {
        fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(new AssessCommitment(ID, SCHOOL_VISITS, TODAY, PaceStatus.ON_TRACK, "Alla skolor besökta"))
                .expectEvents(new CommitmentAssessed(ID, SCHOOL_VISITS, TODAY, PaceStatus.ON_TRACK,
                        "Alla skolor besökta"));
    }

    @Test
    void assessmentOutsideThePeriodIsRejected() {
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(new AssessCommitment(ID, SCHOOL_VISITS, START.minusDays(1), PaceStatus.BEHIND, "För tidigt")),
                Rule.OUTSIDE_PERIOD);
    }

    @Test
    void assessmentInTheFutureIsRejected() {
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(new AssessCommitment(ID, SCHOOL_VISITS, TODAY.plusDays(1), PaceStatus.ON_TRACK, "I morgon")),
                Rule.IN_FUTURE);
    }

    @Test
    void aWithdrawnCommitmentCannotBeAssessed() {
        brokenRule(fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS), withdrawn(SCHOOL_VISITS))
                .when(new AssessCommitment(ID, SCHOOL_VISITS, TODAY, PaceStatus.BEHIND, "Avslutat")),
                Rule.COMMITMENT_WITHDRAWN);
    }

    static Stream<Arguments> commandsNamingAnUnknownCommitment() {
        CommitmentId unknown = CommitmentId.of("nope");
        return Stream.of(
                Arguments.of("revise", new ReviseCommitment(ID, unknown, POLICE_TRAFFIC, "Skäl")),
                Arguments.of("withdraw", new WithdrawCommitment(ID, unknown, "Skäl")),
                Arguments.of("assess", new AssessCommitment(ID, unknown, TODAY, PaceStatus.ON_TRACK, "Skäl")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsNamingAnUnknownCommitment")
    void unknownCommitmentInPathIsNotFound(String what, Object command) {
        notFound(fixture.given(signed(), trafficControlsAdded()).when(command), Rule.UNKNOWN_COMMITMENT);
    }

    // --- recording activities --------------------------------------------------------------------------

    @Test
    void recordingAnActivity() {
        fixture.given(signed(), trafficControlsAdded())
                .when(new RecordActivity(ID, A1, CONTROL, true))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(new ActivityRecorded(ID, A1, CONTROL, true));
    }

    @Test
    void anActivityMayBeRecordedOnTheFirstAndTheLastDayOfThePeriodAndToday() {
        ActivityDetails onFirstDay = activity(TRAFFIC_CONTROL, START, POLICE, TRAFFIC_CONTROLS);
        fixture.given(signed(), trafficControlsAdded())
                .when(record(onFirstDay))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, onFirstDay));

        ActivityDetails today = activity(TRAFFIC_CONTROL, TODAY, POLICE, TRAFFIC_CONTROLS);
        fixture.given(signed(), trafficControlsAdded())
                .when(record(today))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, today));

        LocalDate lastDay = LocalDate.of(2025, 5, 31);
        ActivityDetails onLastDay = activity(TRAFFIC_CONTROL, lastDay, POLICE, TRAFFIC_CONTROLS);
        fixture.given(new PromiseSigned(ID, terms(START, lastDay, TRAFFIC)), trafficControlsAdded())
                .when(record(onLastDay))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, onLastDay));
    }

    @Test
    void cannotRecordActivityAfterThePeriodEnds() {
        LocalDate end = LocalDate.of(2025, 5, 31);
        brokenRule(fixture.given(new PromiseSigned(ID, terms(START, end, TRAFFIC)), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, end.plusDays(1), POLICE, TRAFFIC_CONTROLS))),
                Rule.OUTSIDE_PERIOD);
    }

    @Test
    void cannotRecordActivityBeforeThePeriodStarts() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, START.minusDays(1), POLICE, TRAFFIC_CONTROLS))),
                Rule.OUTSIDE_PERIOD);
    }

    @Test
    void cannotRecordActivityInTheFuture() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, TODAY.plusDays(1), POLICE, TRAFFIC_CONTROLS))),
                Rule.IN_FUTURE);
    }

    @Test
    void recordingTheSameActivityAgainAddsNothing() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(record(CONTROL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    void reusingAnActivityIdForOtherContentIsRejected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(record(activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 2), POLICE, TRAFFIC_CONTROLS))),
                Rule.ACTIVITY_ID_REUSED);
    }

    @Test
    void reusingAnActivityIdWithAnotherExampleFlagIsRejected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new RecordActivity(ID, A1, CONTROL, true)), Rule.ACTIVITY_ID_REUSED);
    }

    @Test
    void anActivityMustBeLinkedToACommitment() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), POLICE))), Rule.NO_COMMITMENTS);
    }

    @Test
    void policeCannotRecordWorkForAMunicipalCommitment() {
        brokenRule(fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS))
                .when(record(activity(SAFETY_WALK, LocalDate.of(2025, 3, 1), POLICE, SAFETY_WALKS))),
                Rule.PERFORMER_MISMATCH);
    }

    @Test
    void municipalityCannotRecordWorkForAPoliceCommitment() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), MUNICIPALITY, TRAFFIC_CONTROLS))),
                Rule.PERFORMER_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Party.class)
    void eitherSideMayRecordWorkForAJointCommitment(Party performer) {
        ActivityDetails visit = activity(SCHOOL_VISIT, LocalDate.of(2025, 3, 1), performer, SCHOOL_VISITS);
        fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(record(visit))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, visit));
    }

    @Test
    void jointWorkCountsForAPoliceCommitment() {
        ActivityDetails jointControl = activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), JOINT, TRAFFIC_CONTROLS);
        fixture.given(signed(), trafficControlsAdded())
                .when(record(jointControl))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, jointControl));
    }

    @Test
    void oneActivityMayCountForSeveralCommitments() {
        ActivityDetails walk = activity(SAFETY_WALK, LocalDate.of(2025, 3, 1), MUNICIPALITY,
                SAFETY_WALKS, SCHOOL_VISITS);
        fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(record(walk))
                .expectResultMessagePayload(RecordingResult.RECORDED)
                .expectEvents(recorded(A1, walk));
    }

    @Test
    void everyLinkedCommitmentMustAcceptTheActivity() {
        brokenRule(fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(record(activity(SCHOOL_VISIT, LocalDate.of(2025, 3, 1), MUNICIPALITY,
                        SCHOOL_VISITS, SAFETY_WALKS))), Rule.KIND_NOT_COUNTED);
    }

    @Test
    void cannotLinkAnUnknownCommitment() {
        // an unknown id in the body is a broken rule, not a missing resource
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), POLICE, CommitmentId.of("nope")))),
                Rule.UNKNOWN_COMMITMENT);
    }

    @Test
    void cannotLinkAWithdrawnCommitment() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(record(CONTROL)), Rule.COMMITMENT_WITHDRAWN);
    }

    @Test
    void kindMustBeCountedByTheCommitment() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(SCHOOL_VISIT, LocalDate.of(2025, 3, 1), POLICE, TRAFFIC_CONTROLS))),
                Rule.KIND_NOT_COUNTED);
    }

    // --- correcting and retracting ------------------------------------------------------------------------

    @Test
    void correctionAppliesOnlyTheChangedFields() {
        ActivityChanges changes = new ActivityChanges(null, LocalDate.of(2025, 3, 2), "Torget", null, null,
                null, Map.of("vehiclesChecked", 42), null);
        ActivityDetails merged = new ActivityDetails(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 2), "Torget", POLICE,
                List.of(TRAFFIC_CONTROLS), List.of("Lokalpolisen"), Map.of("vehiclesChecked", 42),
                "Inga anmärkningar");
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changes, "Fel dag och plats"))
                .expectEvents(new ActivityCorrected(ID, A1, merged, "Fel dag och plats"));
    }

    @Test
    void correctionNeedsAReason() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changeOccurredOn(LocalDate.of(2025, 3, 2)), "  ")),
                Rule.REASON_REQUIRED);
    }

    @Test
    void correctionThatChangesNothingIsRejected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, noChanges(), "Inget")), Rule.NOTHING_CHANGED);
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changeOccurredOn(CONTROL.occurredOn()), "Samma dag")),
                Rule.NOTHING_CHANGED);
    }

    @Test
    void aRetractedActivityCannotBeCorrected() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded(), retracted(A1))
                .when(new CorrectActivity(ID, A1, changeOccurredOn(LocalDate.of(2025, 3, 2)), "Fel dag")),
                Rule.ACTIVITY_RETRACTED);
    }

    @Test
    void correctionCannotMoveAnActivityIntoTheFuture() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changeOccurredOn(TODAY.plusDays(1)), "Fel dag")),
                Rule.IN_FUTURE);
    }

    @Test
    void correctionCannotMoveAnActivityOutOfThePeriod() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changeOccurredOn(START.minusDays(1)), "Fel år")),
                Rule.OUTSIDE_PERIOD);
    }

    @Test
    void correctionIsCheckedAgainstTheLinkedCommitments() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, new ActivityChanges(null, null, null, MUNICIPALITY, null,
                        null, null, null), "Kommunen gjorde det")), Rule.PERFORMER_MISMATCH);
    }

    @Test
    void correctionMayKeepALinkToACommitmentWithdrawnSince() {
        ActivityChanges changes = new ActivityChanges(null, null, "Torget", null, null, null, null, null);
        ActivityDetails corrected = new ActivityDetails(TRAFFIC_CONTROL, CONTROL.occurredOn(), "Torget", POLICE,
                CONTROL.commitmentIds(), CONTROL.participants(), CONTROL.outcomes(), CONTROL.notes());
        fixture.given(signed(), trafficControlsAdded(), controlRecorded(), withdrawn(TRAFFIC_CONTROLS))
                .when(new CorrectActivity(ID, A1, changes, "Fel plats"))
                .expectEvents(new ActivityCorrected(ID, A1, corrected, "Fel plats"));
    }

    // --- who may --------------------------------------------------------------------------------------------

    static Map<String, Object> editor(String organisation) {
        return Map.of("role", "EDITOR", "organisation", organisation, "userId", "someone");
    }

    static final Map<String, Object> POLICE_EDITOR = editor("Lokalpolisområde Testby");
    static final Map<String, Object> MUNICIPAL_EDITOR = editor("testby");

    @Test
    void onlyAnAdministratorSignsAmendsAndCloses() {
        fixture.givenNoPriorActivity().when(new SignPromise(ID, TERMS), POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ADMIN_ONLY)).expectNoEvents();
        fixture.given(signed()).when(new AmendPromise(ID, terms(START, END, TRAFFIC), "x"), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ADMIN_ONLY)).expectNoEvents();
        fixture.given(signed()).when(new ClosePromise(ID, TODAY, "x"), Map.of("role", "VIEWER"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ADMIN_ONLY)).expectNoEvents();
    }

    @Test
    void aPoliceEditorRecordsPoliceAndJointWorkButNotMunicipalWork() {
        fixture.given(signed(), trafficControlsAdded()).when(record(CONTROL), POLICE_EDITOR)
                .expectResultMessagePayload(RecordingResult.RECORDED);
        fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS))
                .when(record(activity(SAFETY_WALK, LocalDate.of(2025, 3, 1), MUNICIPALITY, SAFETY_WALKS)), POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(record(activity(SCHOOL_VISIT, LocalDate.of(2025, 3, 1), JOINT, SCHOOL_VISITS)), MUNICIPAL_EDITOR)
                .expectResultMessagePayload(RecordingResult.RECORDED);
    }

    @Test
    void aMunicipalEditorCannotCorrectOrRetractPoliceWork() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new RetractActivity(ID, A1, "Fel"), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new CorrectActivity(ID, A1, changeOccurredOn(LocalDate.of(2025, 3, 2)), "Fel"), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
    }

    @Test
    void editorsManageCommitmentsOfTheirOwnSideOnly() {
        fixture.given(signed()).when(new AddCommitment(ID, SAFETY_WALKS, MUNICIPAL_WALKS), POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given(signed()).when(new AddCommitment(ID, SCHOOL_VISITS, JOINT_SCHOOLS), POLICE_EDITOR)
                .expectEvents(added(SCHOOL_VISITS, JOINT_SCHOOLS));
        fixture.given(signed(), trafficControlsAdded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "Prioriteras om"), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given(signed(), added(SCHOOL_VISITS, JOINT_SCHOOLS))
                .when(new ReviseCommitment(ID, SCHOOL_VISITS, commitment(POLICE, "YOUTH", Set.of(SCHOOL_VISIT), 3),
                        "Polisen tar över"), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
    }

    @Test
    void anEditorOfAnotherOrganisationMayNotTouchThePromise() {
        fixture.given(signed(), trafficControlsAdded()).when(record(CONTROL), editor("Lokalpolisområde Gnosjö"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.NOT_A_PARTY)).expectNoEvents();
        fixture.given(signed(), trafficControlsAdded()).when(record(CONTROL), Map.of("role", "VIEWER"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ROLE_MAY_NOT_CHANGE)).expectNoEvents();
        fixture.given(signed(), trafficControlsAdded()).when(record(CONTROL), Map.of("userId", "nobody", "role", ""))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ROLE_MAY_NOT_CHANGE)).expectNoEvents();
    }

    @Test
    void aLateRetryOfTheOriginalRecordingAfterACorrectionAddsNothing() {
        ActivityDetails moved = activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 2), POLICE, TRAFFIC_CONTROLS);
        fixture.given(signed(), trafficControlsAdded(), controlRecorded(),
                        new ActivityCorrected(ID, A1, moved, "Fel datum"))
                .when(record(CONTROL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    void theSameCommitmentCannotBeLinkedTwice() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(record(activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), POLICE, TRAFFIC_CONTROLS,
                        TRAFFIC_CONTROLS))), Rule.DUPLICATE_LINK);
    }

    @Test
    void aCommitmentRevisedSinceDoesNotLockTheActivitiesRecordedUnderIt() {
        CommitmentTerms nowMunicipal = commitment(MUNICIPALITY, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 20);
        ActivityChanges changes = new ActivityChanges(null, null, "Torget", null, null, null, null, null);
        ActivityDetails corrected = new ActivityDetails(TRAFFIC_CONTROL, CONTROL.occurredOn(), "Torget", POLICE,
                CONTROL.commitmentIds(), CONTROL.participants(), CONTROL.outcomes(), CONTROL.notes());
        fixture.given(signed(), trafficControlsAdded(), controlRecorded(),
                        new CommitmentRevised(ID, TRAFFIC_CONTROLS, nowMunicipal, "Kommunen tar över"))
                .when(new CorrectActivity(ID, A1, changes, "Fel plats"))
                .expectEvents(new ActivityCorrected(ID, A1, corrected, "Fel plats"));
    }

    @Test
    void correctionCannotAddALinkToAWithdrawnCommitment() {
        CommitmentTerms moreControls = commitment(JOINT, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 5);
        CommitmentId other = CommitmentId.of("joint-controls");
        brokenRule(fixture.given(signed(), trafficControlsAdded(), added(other, moreControls), controlRecorded(),
                        withdrawn(other))
                .when(new CorrectActivity(ID, A1, changeCommitments(TRAFFIC_CONTROLS, other), "Räknas även där")),
                Rule.COMMITMENT_WITHDRAWN);
    }

    @Test
    void retractingAnActivity() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new RetractActivity(ID, A1, "Registrerad av misstag"))
                .expectEvents(new ActivityRetracted(ID, A1, "Registrerad av misstag"));
    }

    @Test
    void retractionNeedsAReason() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded())
                .when(new RetractActivity(ID, A1, "")), Rule.REASON_REQUIRED);
    }

    @Test
    void aRetractedActivityCannotBeRetractedAgain() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), controlRecorded(), retracted(A1))
                .when(new RetractActivity(ID, A1, "Igen")), Rule.ACTIVITY_RETRACTED);
    }

    @Test
    void recordingARetractedActivityAgainAddsNothing() {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded(), retracted(A1))
                .when(record(CONTROL))
                .expectResultMessagePayload(RecordingResult.ALREADY_RECORDED)
                .expectNoEvents();
    }

    static Stream<Arguments> commandsNamingAnUnknownActivity() {
        ActivityId unknown = ActivityId.of("nope");
        return Stream.of(
                Arguments.of("correct", new CorrectActivity(ID, unknown,
                        changeOccurredOn(LocalDate.of(2025, 3, 2)), "Fel dag")),
                Arguments.of("retract", new RetractActivity(ID, unknown, "Fel")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsNamingAnUnknownActivity")
    void unknownActivityIsNotFound(String what, Object command) {
        notFound(fixture.given(signed(), trafficControlsAdded(), controlRecorded()).when(command),
                Rule.UNKNOWN_ACTIVITY);
    }
}

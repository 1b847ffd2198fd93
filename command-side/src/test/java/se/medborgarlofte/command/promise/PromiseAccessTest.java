package se.medborgarlofte.command.promise;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AmendPromise;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.ClosePromise;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.ReviseCommitment;
import se.medborgarlofte.command.promise.Commands.WithdrawCommitment;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PaceStatus;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static se.medborgarlofte.command.promise.PromiseTest.A1;
import static se.medborgarlofte.command.promise.PromiseTest.CLOCK;
import static se.medborgarlofte.command.promise.PromiseTest.ID;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_EDITOR;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.POLICE_EDITOR;
import static se.medborgarlofte.command.promise.PromiseTest.SAFETY_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.START;
import static se.medborgarlofte.command.promise.PromiseTest.END;
import static se.medborgarlofte.command.promise.PromiseTest.TODAY;
import static se.medborgarlofte.command.promise.PromiseTest.TRAFFIC;
import static se.medborgarlofte.command.promise.PromiseTest.TRAFFIC_CONTROLS;
import static se.medborgarlofte.command.promise.PromiseTest.activity;
import static se.medborgarlofte.command.promise.PromiseTest.added;
import static se.medborgarlofte.command.promise.PromiseTest.changeOccurredOn;
import static se.medborgarlofte.command.promise.PromiseTest.commitment;
import static se.medborgarlofte.command.promise.PromiseTest.controlRecorded;
import static se.medborgarlofte.command.promise.PromiseTest.rejection;
import static se.medborgarlofte.command.promise.PromiseTest.signed;
import static se.medborgarlofte.command.promise.PromiseTest.terms;
import static se.medborgarlofte.command.promise.PromiseTest.trafficControlsAdded;
import static se.medborgarlofte.events.ActivityKind.TRAFFIC_CONTROL;
import static se.medborgarlofte.events.Party.POLICE;

/**
 * Who may change a promise, and on which version ({@code If-Match}): the rules in the aggregate that every door
 * (the API, demo data, tests) goes through. The rules of what a change may be are in {@link PromiseTest}.
 */
class PromiseAccessTest {

    AggregateTestFixture<Promise> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Promise.class);
        fixture.registerInjectableResource(CLOCK);
    }

    static final Map<String, Object> ADMIN = Map.of("role", "ADMIN", "userId", "admin");

    static Map<String, Object> admin(String expectedVersion) {
        return Map.of("role", "ADMIN", "userId", "admin", Commands.EXPECTED_VERSION, expectedVersion);
    }

    /**
     * Every command that changes an existing promise. The promise is at version 1: signed, a commitment added (the
     * version follows the promise and its commitments; recording an activity does not change it).
     */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("amend", new AmendPromise(ID, terms(START, END, TRAFFIC), "Ungdomar utgår")),
                Arguments.of("close", new ClosePromise(ID, TODAY, "Klart")),
                Arguments.of("add a commitment", new AddCommitment(ID, SAFETY_WALKS, MUNICIPAL_WALKS)),
                Arguments.of("revise a commitment", new ReviseCommitment(ID, TRAFFIC_CONTROLS,
                        commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30), "Höjt mål")),
                Arguments.of("withdraw a commitment", new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "Prioriteras om")),
                Arguments.of("assess a commitment", new AssessCommitment(ID, TRAFFIC_CONTROLS, LocalDate.of(2025, 3, 1),
                        PaceStatus.ON_TRACK, "Enligt plan")),
                Arguments.of("record an activity", new RecordActivity(ID, ActivityId.of("a2"),
                        activity(TRAFFIC_CONTROL, LocalDate.of(2025, 3, 2), POLICE, TRAFFIC_CONTROLS), false)),
                Arguments.of("correct an activity", new CorrectActivity(ID, A1, changeOccurredOn(LocalDate.of(2025, 3, 2)),
                        "Fel datum")),
                Arguments.of("retract an activity", new RetractActivity(ID, A1, "Dubbelregistrerad")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeMadeOnAnOlderVersionIsRefusedAndWritesNothing(String what, Object command) {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded()).when(command, admin("0"))
                .expectException(rejection(PromiseRejected.PreconditionFailed.class, Rule.STALE_VERSION))
                .expectExceptionMessage(containsString("version 0"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeMadeOnTheCurrentVersionIsAccepted(String what, Object command) {
        fixture.given(signed(), trafficControlsAdded(), controlRecorded()).when(command, admin("1"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anEditorAssessesOnlyCommitmentsOfTheirOwnSide() {
        fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS))
                .when(new AssessCommitment(ID, SAFETY_WALKS, LocalDate.of(2025, 3, 1), PaceStatus.BEHIND, "Sent"),
                        POLICE_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.WRONG_SIDE)).expectNoEvents();
        fixture.given(signed(), added(SAFETY_WALKS, MUNICIPAL_WALKS))
                .when(new AssessCommitment(ID, SAFETY_WALKS, LocalDate.of(2025, 3, 1), PaceStatus.BEHIND, "Sent"),
                        MUNICIPAL_EDITOR)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCallerWithoutARoleIsToldSo() {
        fixture.given(signed(), trafficControlsAdded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "x"), Map.of("userId", "nobody"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ROLE_MAY_NOT_CHANGE))
                .expectExceptionMessage(containsString("(ingen)")).expectNoEvents();
        fixture.given(signed(), trafficControlsAdded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "x"), Map.of("role", "VIEWER"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ROLE_MAY_NOT_CHANGE))
                .expectExceptionMessage(containsString("VIEWER")).expectNoEvents();
    }

    @Test
    void anEditorWithoutAnOrganisationIsToldSo() {
        fixture.given(signed(), trafficControlsAdded())
                .when(new WithdrawCommitment(ID, TRAFFIC_CONTROLS, "x"), Map.of("role", "EDITOR", "userId", "e"))
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.NOT_A_PARTY))
                .expectExceptionMessage(containsString("(ingen organisation)")).expectNoEvents();
    }

    @Test
    void anAdministratorRecordsForEitherSide() {
        fixture.given(signed(), trafficControlsAdded())
                .when(new RecordActivity(ID, A1, PromiseTest.CONTROL, false), ADMIN)
                .expectResultMessagePayload(RecordingResult.RECORDED);
    }
}

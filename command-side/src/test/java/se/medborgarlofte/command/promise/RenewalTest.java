package se.medborgarlofte.command.promise;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.command.promise.Commands.CarriedCommitment;
import se.medborgarlofte.command.promise.Commands.RenewPromise;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static se.medborgarlofte.command.promise.PromiseTest.CLOCK;
import static se.medborgarlofte.command.promise.PromiseTest.ID;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_EDITOR;
import static se.medborgarlofte.command.promise.PromiseTest.POLICE_TRAFFIC;
import static se.medborgarlofte.command.promise.PromiseTest.SAFETY_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.TRAFFIC;
import static se.medborgarlofte.command.promise.PromiseTest.TRAFFIC_CONTROLS;
import static se.medborgarlofte.command.promise.PromiseTest.MUNICIPAL_WALKS;
import static se.medborgarlofte.command.promise.PromiseTest.YOUTH;
import static se.medborgarlofte.command.promise.PromiseTest.added;
import static se.medborgarlofte.command.promise.PromiseTest.brokenRule;
import static se.medborgarlofte.command.promise.PromiseTest.closed;
import static se.medborgarlofte.command.promise.PromiseTest.commitment;
import static se.medborgarlofte.command.promise.PromiseTest.rejection;
import static se.medborgarlofte.command.promise.PromiseTest.signed;
import static se.medborgarlofte.command.promise.PromiseTest.terms;
import static se.medborgarlofte.command.promise.PromiseTest.trafficControlsAdded;
import static se.medborgarlofte.command.promise.PromiseTest.withdrawn;
import static se.medborgarlofte.events.ActivityKind.TRAFFIC_CONTROL;
import static se.medborgarlofte.events.Party.POLICE;

/** Renewal (rule 18): the next period's promise starts from this one, which records nothing. */
class RenewalTest {

    static final PromiseId NEXT = PromiseId.of("testby-2026");
    static final PromiseTerms NEXT_TERMS = terms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), TRAFFIC, YOUTH);
    static final CommitmentId NEXT_CONTROLS = CommitmentId.of("traffic-controls-2026");

    AggregateTestFixture<Promise> fixture;

    @BeforeEach
    void setUp() {
        fixture = PromiseTest.adminFixture();
    }

    static RenewPromise renew(PromiseTerms terms, CarriedCommitment... carried) {
        return new RenewPromise(ID, NEXT, terms, List.of(carried));
    }

    @Test
    void aClosedPromiseIsRenewedWithItsCommitmentsAsTheyWereAndTheNewOneRecordsWhereItCameFrom() {
        fixture.given(signed(), trafficControlsAdded(), closed())
                .when(renew(NEXT_TERMS, new CarriedCommitment(TRAFFIC_CONTROLS, NEXT_CONTROLS, null)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PromiseSigned(NEXT, NEXT_TERMS), new PromiseRenewed(NEXT, ID),
                        new CommitmentAdded(NEXT, NEXT_CONTROLS, POLICE_TRAFFIC),
                        new CommitmentCarriedOver(NEXT, NEXT_CONTROLS, ID, TRAFFIC_CONTROLS));
    }

    @Test
    void aCarriedCommitmentMayBeRevised() {
        CommitmentTerms higher = commitment(POLICE, "TRAFFIC", Set.of(TRAFFIC_CONTROL), 30);
        fixture.given(signed(), trafficControlsAdded())
                .when(renew(NEXT_TERMS, new CarriedCommitment(TRAFFIC_CONTROLS, TRAFFIC_CONTROLS, higher)))
                .expectEvents(new PromiseSigned(NEXT, NEXT_TERMS), new PromiseRenewed(NEXT, ID),
                        new CommitmentAdded(NEXT, TRAFFIC_CONTROLS, higher),
                        new CommitmentCarriedOver(NEXT, TRAFFIC_CONTROLS, ID, TRAFFIC_CONTROLS));
    }

    @Test
    void onlyAnAdministratorRenews() {
        fixture.given(signed()).when(renew(NEXT_TERMS), MUNICIPAL_EDITOR)
                .expectException(rejection(PromiseRejected.Forbidden.class, Rule.ADMIN_ONLY)).expectNoEvents();
    }

    @Test
    void theRenewedPromiseHasItsOwnId() {
        brokenRule(fixture.given(signed()).when(new RenewPromise(ID, ID, NEXT_TERMS, List.of())),
                Rule.RENEWAL_SAME_ID);
    }

    @Test
    void theRenewedPromiseStartsAfterTheEarlierOne() {
        brokenRule(fixture.given(signed()).when(renew(PromiseTest.TERMS)), Rule.RENEWAL_NOT_LATER);
    }

    @Test
    void theRenewedPromiseIsCheckedLikeASigning() {
        brokenRule(fixture.given(signed()).when(renew(terms(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 1, 1),
                TRAFFIC))), Rule.INVALID_PERIOD);
    }

    @Test
    void onlyCommitmentsOfTheEarlierPromiseAreCarried() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(renew(NEXT_TERMS, new CarriedCommitment(SAFETY_WALKS, SAFETY_WALKS, null))),
                Rule.UNKNOWN_COMMITMENT);
    }

    @Test
    void aWithdrawnCommitmentIsNotCarried() {
        brokenRule(fixture.given(signed(), trafficControlsAdded(), withdrawn(TRAFFIC_CONTROLS))
                .when(renew(NEXT_TERMS, new CarriedCommitment(TRAFFIC_CONTROLS, NEXT_CONTROLS, null))),
                Rule.COMMITMENT_WITHDRAWN);
    }

    @Test
    void aCommitmentIsCarriedOnceAndIntoOneId() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(renew(NEXT_TERMS, new CarriedCommitment(TRAFFIC_CONTROLS, NEXT_CONTROLS, null),
                        new CarriedCommitment(TRAFFIC_CONTROLS, TRAFFIC_CONTROLS, null))), Rule.CARRIED_TWICE);
        brokenRule(fixture.given(signed(), trafficControlsAdded(), added(SAFETY_WALKS, MUNICIPAL_WALKS))
                .when(renew(NEXT_TERMS, new CarriedCommitment(TRAFFIC_CONTROLS, NEXT_CONTROLS, null),
                        new CarriedCommitment(SAFETY_WALKS, NEXT_CONTROLS, null))), Rule.CARRIED_TWICE);
    }

    @Test
    void aCarriedCommitmentMustFitTheNewPromisesFocusAreas() {
        brokenRule(fixture.given(signed(), trafficControlsAdded())
                .when(renew(terms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), YOUTH),
                        new CarriedCommitment(TRAFFIC_CONTROLS, NEXT_CONTROLS, null))), Rule.UNKNOWN_FOCUS_AREA);
    }
}

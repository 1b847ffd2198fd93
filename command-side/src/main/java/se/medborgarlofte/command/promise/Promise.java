package se.medborgarlofte.command.promise;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AmendPromise;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.ClosePromise;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RenewPromise;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.ReviseCommitment;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.command.promise.Commands.WithdrawCommitment;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseAmended;
import se.medborgarlofte.events.PromiseEvent.PromiseClosed;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static se.medborgarlofte.command.promise.AccessPolicy.requireAdmin;
import static se.medborgarlofte.command.promise.PromiseRejected.broken;
import static se.medborgarlofte.command.promise.PromiseRules.checkActivity;
import static se.medborgarlofte.command.promise.PromiseRules.checkCommitmentTerms;
import static se.medborgarlofte.command.promise.PromiseRules.checkCommitmentsStillFit;
import static se.medborgarlofte.command.promise.PromiseRules.checkOutcomes;
import static se.medborgarlofte.command.promise.PromiseRules.checkTerms;
import static se.medborgarlofte.command.promise.PromiseRules.ensureInPeriod;
import static se.medborgarlofte.command.promise.PromiseRules.ensureNotInFuture;
import static se.medborgarlofte.command.promise.PromiseRules.requireReason;
import static se.medborgarlofte.command.promise.PromiseRejected.notFound;

/**
 * A medborgarlöfte with its commitments and the activities recorded against them. Command handlers check the
 * rule, then apply; event-sourcing handlers only assign state. Who may do what is {@link AccessPolicy}'s, the
 * rules over terms and activities are {@link PromiseRules}'; the caller is read once ({@link Caller}). Activities live inside the promise because
 * every rule about them (period, linked commitments, owner, closed promise) is a rule of the promise;
 * snapshots keep a long history fast to load. Findings and their åtgärder: {@link FindingHandlers}.
 */
@Aggregate(repository = "promiseRepository")
class Promise extends FindingHandlers {

    @AggregateIdentifier
    private String promiseId;
    private PromiseTerms terms;
    /** Sequence number of the last change to the promise or its commitments: its version for If-Match. */
    private long version;
    private boolean closed;
    private Map<String, CommitmentState> commitments = new LinkedHashMap<>();
    private Map<String, ActivityState> activities = new HashMap<>();
    /** The first and last dates assessed: an amended period must still cover every assessment. */
    private LocalDate firstAssessedOn;
    private LocalDate lastAssessedOn;

    Promise() {
        // for Axon and snapshots
    }

    record CommitmentState(CommitmentTerms terms, boolean withdrawn) {
    }

    /** {@code recorded} is what was first recorded, so that a late retry of it is still recognised. */
    record ActivityState(ActivityDetails recorded, ActivityDetails details, boolean example, boolean retracted) {
    }

    @CommandHandler
    Promise(SignPromise command, MetaData metaData) {
        requireAdmin(Caller.of(metaData));
        checkTerms(command.terms());
        apply(new PromiseSigned(command.promiseId(), command.terms()));
    }

    @CommandHandler
    void handle(AmendPromise command, MetaData metaData) {
        Caller caller = Caller.of(metaData);
        requireAdmin(caller);
        requireVersion(caller);
        requireReason(command.reason());
        ensureOpen();
        PromiseTerms amended = command.terms();
        checkTerms(amended);
        if (amended.equals(terms)) {
            throw broken(Rule.NOTHING_CHANGED);
        }
        checkCommitmentsStillFit(amended, commitments);
        activities.forEach((id, activity) -> {
            if (!activity.retracted() && !amended.covers(activity.details().occurredOn())) {
                throw broken(Rule.ACTIVITIES_OUTSIDE_PERIOD, id, activity.details().occurredOn());
            }
        });
        for (LocalDate assessedOn : new LocalDate[]{firstAssessedOn, lastAssessedOn}) {
            if (assessedOn != null && !amended.covers(assessedOn)) {
                throw broken(Rule.ASSESSMENTS_OUTSIDE_PERIOD, assessedOn);
            }
        }
        apply(new PromiseAmended(id(), amended, command.reason()));
    }

    @CommandHandler
    void handle(ClosePromise command, MetaData metaData, Clock clock) {
        Caller caller = Caller.of(metaData);
        requireAdmin(caller);
        requireVersion(caller);
        ensureOpen();
        if (command.closedOn().isBefore(terms.validFrom())) {
            throw broken(Rule.CLOSED_BEFORE_START, command.closedOn(), terms.validFrom());
        }
        ensureNotInFuture(command.closedOn(), clock);
        apply(new PromiseClosed(id(), command.closedOn(), command.summary()));
    }

    @CommandHandler
    void handle(AddCommitment command, MetaData metaData) {
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, command.terms().owner());
        ensureOpen();
        if (commitments.containsKey(command.commitmentId().value())) {
            throw broken(Rule.COMMITMENT_EXISTS, command.commitmentId());
        }
        checkCommitmentTerms(terms, command.terms());
        apply(new CommitmentAdded(id(), command.commitmentId(), command.terms()));
    }

    @CommandHandler
    void handle(ReviseCommitment command, MetaData metaData) {
        CommitmentState commitment = activeCommitment(command.commitmentId());
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, commitment.terms().owner(), command.terms().owner());
        requireReason(command.reason());
        ensureOpen();
        checkCommitmentTerms(terms, command.terms());
        if (commitment.terms().equals(command.terms())) {
            throw broken(Rule.NOTHING_CHANGED);
        }
        apply(new CommitmentRevised(id(), command.commitmentId(), command.terms(), command.reason()));
    }

    @CommandHandler
    void handle(WithdrawCommitment command, MetaData metaData) {
        CommitmentState commitment = activeCommitment(command.commitmentId());
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, commitment.terms().owner());
        requireReason(command.reason());
        ensureOpen();
        apply(new CommitmentWithdrawn(id(), command.commitmentId(), command.reason()));
    }

    @CommandHandler
    void handle(AssessCommitment command, MetaData metaData, Clock clock) {
        CommitmentState commitment = activeCommitment(command.commitmentId());
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, commitment.terms().owner());
        ensureOpen();
        ensureInPeriod(terms, command.assessedOn(), clock);
        apply(new CommitmentAssessed(id(), command.commitmentId(), command.assessedOn(), command.status(),
                command.rationale()));
    }

    @CommandHandler
    RecordingResult handle(RecordActivity command, MetaData metaData, Clock clock) {
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, command.details().performedBy());
        ActivityState existing = activities.get(command.activityId().value());
        if (existing != null) {
            if (existing.recorded().equals(command.details()) && existing.example() == command.example()) {
                return RecordingResult.ALREADY_RECORDED;
            }
            throw broken(Rule.ACTIVITY_ID_REUSED, command.activityId());
        }
        ensureOpen();
        checkActivity(terms, commitments, command.details(), Set.of(), Set.of(), clock);
        checkOutcomes(command.details(), Set.of());
        requireKnownCause(command.details(), command.activityId());
        apply(new ActivityRecorded(id(), command.activityId(), command.details(), command.example()));
        return RecordingResult.RECORDED;
    }

    @CommandHandler
    void handle(CorrectActivity command, MetaData metaData, Clock clock) {
        ActivityState activity = activity(command.activityId());
        ActivityDetails current = activity.details();
        ActivityDetails corrected = command.changes().applyTo(current);
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, current.performedBy(), corrected.performedBy());
        requireReason(command.reason());
        ensureOpen();
        if (activity.retracted()) {
            throw broken(Rule.ACTIVITY_RETRACTED, command.activityId());
        }
        if (corrected.equals(current)) {
            throw broken(Rule.NOTHING_CHANGED);
        }
        Set<CommitmentId> linked = new HashSet<>(current.commitmentIds());
        // Links that stand and whose fit can't have changed are not re-checked: a commitment revised since
        // must not lock the activities recorded under its earlier wording.
        boolean sameFit = corrected.kind() == current.kind() && corrected.performedBy() == current.performedBy();
        checkActivity(terms, commitments, corrected, linked, sameFit ? linked : Set.of(), clock);
        checkOutcomes(corrected, current.outcomes().keySet());
        requireKnownCause(corrected, command.activityId());
        apply(new ActivityCorrected(id(), command.activityId(), corrected, command.reason()));
    }

    @CommandHandler
    void handle(RetractActivity command, MetaData metaData) {
        ActivityState activity = activity(command.activityId());
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        requireSide(caller, activity.details().performedBy());
        requireReason(command.reason());
        ensureOpen();
        if (activity.retracted()) {
            throw broken(Rule.ACTIVITY_RETRACTED, command.activityId());
        }
        apply(new ActivityRetracted(id(), command.activityId(), command.reason()));
    }

    /** Starts the next period's promise; this one records nothing ({@link Renewal}). */
    @CommandHandler
    void handle(RenewPromise command, MetaData metaData) throws Exception {
        Caller caller = Caller.of(metaData);
        requireAdmin(caller);
        requireVersion(caller);
        var events = Renewal.events(command, terms, commitments);
        createNew(Promise.class, () -> Renewal.start(events));
    }

    @Override
    FindingContext findingContext(MetaData metaData, Clock clock) {
        Caller caller = Caller.of(metaData);
        requireVersion(caller);
        return new FindingContext(caller, id(), terms, closed, activities, clock);
    }

    // --- checks that need the state --------------------------------------------------------------------

    /** {@code If-Match}: the caller's copy of the promise must still be current. */
    private void requireVersion(Caller caller) {
        if (caller.expectedVersion() != null && caller.expectedVersion() != version) {
            throw PromiseRejected.preconditionFailed(Rule.STALE_VERSION, caller.expectedVersion(), version);
        }
    }

    /** An activity's cause, where it names one, is another activity (a lägesbild, say) or a finding. */
    private void requireKnownCause(ActivityDetails details, ActivityId self) {
        String cause = details.causedBy();
        if (cause != null && (cause.equals(self.value()) || !activities.containsKey(cause)) && !hasFinding(cause)) {
            throw broken(Rule.UNKNOWN_CAUSE, cause);
        }
    }

    private void requireSide(Caller caller, Party... concerned) {
        AccessPolicy.requireSide(caller, terms, concerned);
    }

    private void ensureOpen() {
        if (closed) {
            throw broken(Rule.PROMISE_CLOSED);
        }
    }

    private CommitmentState activeCommitment(CommitmentId commitmentId) {
        CommitmentState commitment = commitments.get(commitmentId.value());
        if (commitment == null) {
            throw notFound(Rule.UNKNOWN_COMMITMENT, commitmentId);
        }
        if (commitment.withdrawn()) {
            throw broken(Rule.COMMITMENT_WITHDRAWN, commitmentId);
        }
        return commitment;
    }

    private ActivityState activity(ActivityId activityId) {
        ActivityState activity = activities.get(activityId.value());
        if (activity == null) {
            throw notFound(Rule.UNKNOWN_ACTIVITY, activityId);
        }
        return activity;
    }

    private PromiseId id() {
        return new PromiseId(promiseId);
    }

    // --- state -------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PromiseSigned event, @SequenceNumber long sequence) {
        version = sequence;
        promiseId = event.promiseId().value();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(PromiseAmended event, @SequenceNumber long sequence) {
        version = sequence;
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(PromiseClosed event, @SequenceNumber long sequence) {
        version = sequence;
        closed = true;
    }

    @EventSourcingHandler
    void on(CommitmentAdded event, @SequenceNumber long sequence) {
        version = sequence;
        commitments.put(event.commitmentId().value(), new CommitmentState(event.terms(), false));
    }

    @EventSourcingHandler
    void on(CommitmentRevised event, @SequenceNumber long sequence) {
        version = sequence;
        commitments.put(event.commitmentId().value(), new CommitmentState(event.terms(), false));
    }

    @EventSourcingHandler
    void on(CommitmentWithdrawn event, @SequenceNumber long sequence) {
        version = sequence;
        commitments.computeIfPresent(event.commitmentId().value(),
                (id, commitment) -> new CommitmentState(commitment.terms(), true));
    }

    @EventSourcingHandler
    void on(CommitmentAssessed event, @SequenceNumber long sequence) {
        version = sequence;
        if (firstAssessedOn == null || event.assessedOn().isBefore(firstAssessedOn)) {
            firstAssessedOn = event.assessedOn();
        }
        if (lastAssessedOn == null || event.assessedOn().isAfter(lastAssessedOn)) {
            lastAssessedOn = event.assessedOn();
        }
    }

    /** The links of a renewal change the version as the read model's promise does; no rule reads them. */
    @EventSourcingHandler
    void on(PromiseRenewed event, @SequenceNumber long sequence) {
        version = sequence;
    }

    @EventSourcingHandler
    void on(CommitmentCarriedOver event, @SequenceNumber long sequence) {
        version = sequence;
    }

    @EventSourcingHandler
    void on(ActivityRecorded event) {
        activities.put(event.activityId().value(), new ActivityState(event.details(), event.details(), event.example(), false));
    }

    @EventSourcingHandler
    void on(ActivityCorrected event) {
        activities.computeIfPresent(event.activityId().value(),
                (id, activity) -> new ActivityState(activity.recorded(), event.details(), activity.example(), false));
    }

    @EventSourcingHandler
    void on(ActivityRetracted event) {
        activities.computeIfPresent(event.activityId().value(),
                (id, activity) -> new ActivityState(activity.recorded(), activity.details(), activity.example(), true));
    }
}

package se.medborgarlofte.command.promise;

import org.axonframework.modelling.command.AggregateLifecycle;
import se.medborgarlofte.command.promise.Commands.CarriedCommitment;
import se.medborgarlofte.command.promise.Commands.RenewPromise;
import se.medborgarlofte.command.promise.Promise.CommitmentState;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static se.medborgarlofte.command.promise.PromiseRejected.broken;
import static se.medborgarlofte.command.promise.PromiseRules.checkCommitmentTerms;
import static se.medborgarlofte.command.promise.PromiseRules.checkTerms;

/**
 * Rule 18, renewal: the next period's promise starts from an earlier one. Only the new promise records where it
 * came from ({@link PromiseRenewed}, and {@link CommitmentCarriedOver} for each carried commitment); the earlier one,
 * usually closed, is read and left as it is.
 */
final class Renewal {

    private Renewal() {
    }

    /** The new promise's first events, once the renewal is checked against the earlier promise. */
    static List<PromiseEvent> events(RenewPromise command, PromiseTerms previous,
                                     Map<String, CommitmentState> commitments) {
        if (command.promiseId().equals(command.renewedFrom())) {
            throw broken(Rule.RENEWAL_SAME_ID, command.promiseId());
        }
        checkTerms(command.terms());
        if (!command.terms().validFrom().isAfter(previous.validFrom())) {
            throw broken(Rule.RENEWAL_NOT_LATER, previous.validFrom(), command.terms().validFrom());
        }
        List<PromiseEvent> events = new ArrayList<>(List.of(new PromiseSigned(command.promiseId(), command.terms()),
                new PromiseRenewed(command.promiseId(), command.renewedFrom())));
        Set<String> from = new HashSet<>();
        Set<String> to = new HashSet<>();
        for (CarriedCommitment carried : command.commitments()) {
            if (!from.add(carried.from().value())) {
                throw broken(Rule.CARRIED_TWICE, carried.from());
            }
            if (!to.add(carried.commitmentId().value())) {
                throw broken(Rule.CARRIED_TWICE, carried.commitmentId());
            }
            CommitmentState previousCommitment = commitments.get(carried.from().value());
            if (previousCommitment == null) {
                throw broken(Rule.UNKNOWN_COMMITMENT, carried.from());
            }
            if (previousCommitment.withdrawn()) {
                throw broken(Rule.COMMITMENT_WITHDRAWN, carried.from());
            }
            CommitmentTerms terms = carried.revised() != null ? carried.revised() : previousCommitment.terms();
            checkCommitmentTerms(command.terms(), terms);
            events.add(new CommitmentAdded(command.promiseId(), carried.commitmentId(), terms));
            events.add(new CommitmentCarriedOver(command.promiseId(), carried.commitmentId(), command.renewedFrom(),
                    carried.from()));
        }
        return events;
    }

    /** The new promise, for {@code AggregateLifecycle.createNew}: its events applied in the renewal's unit of work. */
    static Promise start(List<PromiseEvent> events) {
        Promise renewed = new Promise();
        events.forEach(AggregateLifecycle::apply);
        return renewed;
    }
}

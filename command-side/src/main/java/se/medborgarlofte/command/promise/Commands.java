package se.medborgarlofte.command.promise;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;

import java.time.LocalDate;
import java.util.List;

/** The commands of the promise aggregate. */
public final class Commands {

    private Commands() {
    }

    public record SignPromise(PromiseId promiseId, PromiseTerms terms) {
    }

    public record AmendPromise(@TargetAggregateIdentifier PromiseId promiseId, PromiseTerms terms, String reason) {
    }

    public record ClosePromise(@TargetAggregateIdentifier PromiseId promiseId, LocalDate closedOn, String summary) {
    }

    public record AddCommitment(@TargetAggregateIdentifier PromiseId promiseId, CommitmentId commitmentId,
                                CommitmentTerms terms) {
    }

    public record ReviseCommitment(@TargetAggregateIdentifier PromiseId promiseId, CommitmentId commitmentId,
                                   CommitmentTerms terms, String reason) {
    }

    public record WithdrawCommitment(@TargetAggregateIdentifier PromiseId promiseId, CommitmentId commitmentId,
                                     String reason) {
    }

    public record AssessCommitment(@TargetAggregateIdentifier PromiseId promiseId, CommitmentId commitmentId,
                                   LocalDate assessedOn, PaceStatus status, String rationale) {
    }

    public record RecordActivity(@TargetAggregateIdentifier PromiseId promiseId, ActivityId activityId,
                                 ActivityDetails details, boolean example) {
    }

    public record CorrectActivity(@TargetAggregateIdentifier PromiseId promiseId, ActivityId activityId,
                                  ActivityChanges changes, String reason) {
    }

    public record RetractActivity(@TargetAggregateIdentifier PromiseId promiseId, ActivityId activityId,
                                  String reason) {
    }

    /**
     * Starts the next period's promise {@code promiseId} from {@code renewedFrom} (sent to the earlier promise, which
     * stays as it is): the new wording, and the commitments to carry.
     */
    public record RenewPromise(@TargetAggregateIdentifier PromiseId renewedFrom, PromiseId promiseId,
                               PromiseTerms terms, List<CarriedCommitment> commitments) {
    }

    /** A commitment carried into the renewed promise as {@code commitmentId}; {@code revised} null keeps its terms. */
    public record CarriedCommitment(CommitmentId from, CommitmentId commitmentId, CommitmentTerms revised) {
    }

    /**
     * Command metadata key: the promise version the caller last read ({@code If-Match}); a command against a newer
     * version is refused.
     */
    public static final String EXPECTED_VERSION = "expectedVersion";

    /** What {@link RecordActivity} did: a retry of an identical activity adds nothing. */
    public enum RecordingResult {
        RECORDED,
        ALREADY_RECORDED
    }
}

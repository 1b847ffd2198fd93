package se.medborgarlofte.events;

import java.time.LocalDate;

/**
 * Every event of the promise aggregate. Sealed, so a {@code switch} over them is checked by the compiler.
 * Who caused an event, the reason and the correlation id travel as metadata (see {@link EventMetadataKeys}).
 */
public sealed interface PromiseEvent {

    PromiseId promiseId();

    record PromiseSigned(PromiseId promiseId, PromiseTerms terms) implements PromiseEvent {
    }

    record PromiseAmended(PromiseId promiseId, PromiseTerms terms, String reason) implements PromiseEvent {
    }

    record PromiseClosed(PromiseId promiseId, LocalDate closedOn, String summary) implements PromiseEvent {
    }

    record CommitmentAdded(PromiseId promiseId, CommitmentId commitmentId, CommitmentTerms terms)
            implements PromiseEvent {
    }

    record CommitmentRevised(PromiseId promiseId, CommitmentId commitmentId, CommitmentTerms terms, String reason)
            implements PromiseEvent {
    }

    record CommitmentWithdrawn(PromiseId promiseId, CommitmentId commitmentId, String reason)
            implements PromiseEvent {
    }

    record CommitmentAssessed(PromiseId promiseId, CommitmentId commitmentId, LocalDate assessedOn,
                              PaceStatus status, String rationale) implements PromiseEvent {
    }

    /** {@code example} marks invented demo data, so that nobody mistakes it for real work. */
    record ActivityRecorded(PromiseId promiseId, ActivityId activityId, ActivityDetails details, boolean example)
            implements PromiseEvent {
    }

    record ActivityCorrected(PromiseId promiseId, ActivityId activityId, ActivityDetails details, String reason)
            implements PromiseEvent {
    }

    record ActivityRetracted(PromiseId promiseId, ActivityId activityId, String reason) implements PromiseEvent {
    }
}

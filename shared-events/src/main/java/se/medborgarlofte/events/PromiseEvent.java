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

    // --- renewal: only the new promise records where it came from -----------------------------------------

    /** Follows the new promise's {@link PromiseSigned}: it continues {@code renewedFrom} for a new period. */
    record PromiseRenewed(PromiseId promiseId, PromiseId renewedFrom) implements PromiseEvent {
    }

    /** Follows a {@link CommitmentAdded} in a renewed promise: the commitment continues one of the previous period. */
    record CommitmentCarriedOver(PromiseId promiseId, CommitmentId commitmentId, PromiseId fromPromise,
                                 CommitmentId fromCommitment) implements PromiseEvent {
    }

    // --- findings and their åtgärder -------------------------------------------------------------------------

    /** The events of one finding: the promise applies them to its findings. */
    sealed interface FindingEvent {
        PromiseId promiseId();

        FindingId findingId();
    }

    /** {@code foundOn} is the date of the activity that found it. */
    record FindingRecorded(PromiseId promiseId, FindingId findingId, FindingDetails details, LocalDate foundOn)
            implements PromiseEvent, FindingEvent {
    }

    record MeasurePlanned(PromiseId promiseId, FindingId findingId, MeasureId measureId, MeasurePlan plan)
            implements PromiseEvent, FindingEvent {
    }

    record MeasureCompleted(PromiseId promiseId, FindingId findingId, MeasureId measureId, LocalDate doneOn,
                            String whatWasDone) implements PromiseEvent, FindingEvent {
    }

    record MeasureDeclined(PromiseId promiseId, FindingId findingId, MeasureId measureId, String reason)
            implements PromiseEvent, FindingEvent {
    }

    /** Återkoppling to the residents: when, and how (a meeting, a notice, a letter, the website). */
    record FindingReportedBack(PromiseId promiseId, FindingId findingId, LocalDate reportedOn, String how)
            implements PromiseEvent, FindingEvent {
    }

    /**
     * The only wording of a finding the public sees ("Ni sa – vi gjorde"): what residents said, where (coarse), and
     * what was done ({@code publicAction}, may be empty until something is). Publishing again replaces it.
     */
    record FindingPublished(PromiseId promiseId, FindingId findingId, String publicText, String publicPlace,
                            String publicAction) implements PromiseEvent, FindingEvent {
    }

    record FindingUnpublished(PromiseId promiseId, FindingId findingId, String reason)
            implements PromiseEvent, FindingEvent {
    }
}

package se.medborgarlofte.query.history;

import java.time.Instant;
import java.util.List;

/**
 * One change to a promise: when it was recorded, who made it, why, what kind of change, each field before and
 * after, and a short Swedish sentence saying the same.
 *
 * @param change      PROMISE_SIGNED, PROMISE_AMENDED, PROMISE_CLOSED, COMMITMENT_ADDED, COMMITMENT_REVISED,
 *                    COMMITMENT_WITHDRAWN, COMMITMENT_ASSESSED, ACTIVITY_RECORDED, ACTIVITY_CORRECTED,
 *                    ACTIVITY_RETRACTED
 * @param subjectType PROMISE, COMMITMENT or ACTIVITY
 * @param commitmentIds for an activity: the commitments it counted for before or after the change
 */
public record HistoryEntry(String eventId, long sequenceNumber, Instant recordedAt, String change, String subjectType,
                           String subjectId, List<String> commitmentIds, Who who, String reason, String correlationId,
                           String commandId, List<FieldChange> changes, String summary) {

    public record Who(String userId, String userName, String organisation, String role) {
    }

    public record FieldChange(String field, Object before, Object after) {
    }
}

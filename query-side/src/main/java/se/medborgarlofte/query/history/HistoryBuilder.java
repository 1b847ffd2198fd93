package se.medborgarlofte.query.history;

import se.medborgarlofte.query.timeline.PromiseState;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import org.axonframework.messaging.MetaData;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PromiseEvent;
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
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.query.history.HistoryEntry.FieldChange;
import se.medborgarlofte.query.history.HistoryEntry.Who;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a promise's events into its history. Keeps the state before each event, so every entry can say what
 * each field was before and after.
 */
public final class HistoryBuilder {

    private final PromiseState state = new PromiseState();

    /** The entry for the next event of the promise; events must come in order. */
    public HistoryEntry next(PromiseTimeline.Recorded recorded) {
        PromiseEvent event = recorded.event();
        Draft draft = describe(event);
        List<String> commitmentIds = linkedCommitments(event);
        state.apply(event);
        if (commitmentIds != null) {
            commitmentIds = union(commitmentIds, linkedCommitments(event));
        }
        MetaData metaData = recorded.message().getMetaData();
        String reason = string(metaData, EventMetadataKeys.REASON);
        return new HistoryEntry(recorded.message().getIdentifier(), recorded.message().getSequenceNumber(),
                recorded.recordedAt(), draft.change, draft.subjectType, draft.subjectId, commitmentIds,
                new Who(string(metaData, EventMetadataKeys.USER_ID), string(metaData, EventMetadataKeys.USER_NAME),
                        string(metaData, EventMetadataKeys.ORGANISATION), string(metaData, EventMetadataKeys.ROLE)),
                reason, string(metaData, EventMetadataKeys.CORRELATION_ID), string(metaData, EventMetadataKeys.COMMAND_ID),
                draft.changes, draft.summary);
    }

    /** For an activity event: the commitments the activity counts for in the current state; else null. */
    private List<String> linkedCommitments(PromiseEvent event) {
        String activityId = event instanceof ActivityRecorded e ? e.activityId().value()
                : event instanceof ActivityCorrected e ? e.activityId().value()
                : event instanceof ActivityRetracted e ? e.activityId().value() : null;
        if (activityId == null) {
            return null;
        }
        PromiseState.Activity activity = state.activities.get(activityId);
        return activity == null ? List.of()
                : activity.details.commitmentIds().stream().map(CommitmentId::value).toList();
    }

    private static List<String> union(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        second.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    public PromiseState state() {
        return state;
    }

    private record Draft(String change, String subjectType, String subjectId, List<FieldChange> changes,
                         String summary) {
    }

    private Draft describe(PromiseEvent event) {
        String promiseId = event.promiseId().value();
        if (event instanceof PromiseSigned e) {
            return new Draft("PROMISE_SIGNED", "PROMISE", promiseId, diff(null, e.terms()),
                    "Medborgarlöftet ”" + e.terms().title() + "” undertecknades, giltigt " + e.terms().validFrom()
                    + " – " + e.terms().validTo() + ".");
        }
        if (event instanceof PromiseAmended e) {
            List<FieldChange> changes = diff(state.terms, e.terms());
            return new Draft("PROMISE_AMENDED", "PROMISE", promiseId, changes,
                    sentence("medborgarlöftet", changes));
        }
        if (event instanceof PromiseClosed e) {
            return new Draft("PROMISE_CLOSED", "PROMISE", promiseId, List.of(
                    new FieldChange("closed", false, true), new FieldChange("closedOn", null, e.closedOn()),
                    new FieldChange("summary", null, e.summary())),
                    "Medborgarlöftet avslutades " + e.closedOn() + ".");
        }
        if (event instanceof CommitmentAdded e) {
            return new Draft("COMMITMENT_ADDED", "COMMITMENT", e.commitmentId().value(), diff(null, e.terms()),
                    "Åtagandet ”" + e.terms().title() + "” lades till"
                    + (e.terms().target() == null ? "" : " med målet " + e.terms().target()) + ".");
        }
        if (event instanceof CommitmentRevised e) {
            PromiseState.Commitment before = state.commitment(e.commitmentId().value());
            List<FieldChange> changes = diff(before.terms, e.terms());
            return new Draft("COMMITMENT_REVISED", "COMMITMENT", e.commitmentId().value(), changes,
                    sentence(before.terms.title(), changes));
        }
        if (event instanceof CommitmentWithdrawn e) {
            String title = state.commitment(e.commitmentId().value()).terms.title();
            return new Draft("COMMITMENT_WITHDRAWN", "COMMITMENT", e.commitmentId().value(),
                    List.of(new FieldChange("withdrawn", false, true)),
                    "Åtagandet ”" + title + "” drogs tillbaka.");
        }
        if (event instanceof CommitmentAssessed e) {
            PromiseState.Commitment commitment = state.commitment(e.commitmentId().value());
            CommitmentAssessed previous = commitment.assessments.isEmpty() ? null
                    : commitment.assessments.get(commitment.assessments.size() - 1);
            List<FieldChange> changes = new ArrayList<>();
            addIfChanged(changes, "assessedOn", previous == null ? null : previous.assessedOn(), e.assessedOn());
            addIfChanged(changes, "status", previous == null ? null : previous.status(), e.status());
            addIfChanged(changes, "rationale", previous == null ? null : previous.rationale(), e.rationale());
            return new Draft("COMMITMENT_ASSESSED", "COMMITMENT", e.commitmentId().value(), changes,
                    "Åtagandet ”" + commitment.terms.title() + "” bedömdes " + e.assessedOn() + " som "
                    + Labels.status(e.status()) + ".");
        }
        if (event instanceof ActivityRecorded e) {
            return new Draft("ACTIVITY_RECORDED", "ACTIVITY", e.activityId().value(), diff(null, e.details()),
                    describe(e.details()) + " registrerades" + (e.example() ? " (exempel)" : "") + ".");
        }
        if (event instanceof ActivityCorrected e) {
            ActivityDetails before = state.activity(e.activityId().value()).details;
            List<FieldChange> changes = diff(before, e.details());
            return new Draft("ACTIVITY_CORRECTED", "ACTIVITY", e.activityId().value(), changes,
                    sentence(describe(before), changes));
        }
        if (event instanceof ActivityRetracted e) {
            ActivityDetails before = state.activity(e.activityId().value()).details;
            return new Draft("ACTIVITY_RETRACTED", "ACTIVITY", e.activityId().value(),
                    List.of(new FieldChange("retracted", false, true)), describe(before) + " återkallades.");
        }
        if (event instanceof PromiseRenewed e) {
            return new Draft("PROMISE_RENEWED", "PROMISE", promiseId,
                    List.of(new FieldChange("renewedFrom", null, e.renewedFrom().value())),
                    "Medborgarlöftet förnyar " + e.renewedFrom() + " från föregående period.");
        }
        if (event instanceof CommitmentCarriedOver e) {
            return new Draft("COMMITMENT_CARRIED_OVER", "COMMITMENT", e.commitmentId().value(),
                    List.of(new FieldChange("carriedFrom", null, e.fromPromise() + "/" + e.fromCommitment())),
                    "Åtagandet ”" + state.commitment(e.commitmentId().value()).terms.title() + "” fördes över från "
                    + e.fromPromise() + " (" + e.fromCommitment() + ").");
        }
        if (event instanceof FindingEvent e) {
            FindingHistory.Described described = FindingHistory.describe(e, state.findings.get(e.findingId().value()));
            return new Draft(described.change(), "FINDING", e.findingId().value(), described.changes(),
                    described.summary());
        }
        throw new IllegalArgumentException("Unknown event " + event.getClass().getName());
    }

    private static String describe(ActivityDetails details) {
        return Labels.kind(details.kind()) + " " + details.occurredOn() + ", " + details.place();
    }

    /** "Målet för Trafikkontroller ändrades från 10 till 12."; several fields in one sentence. */
    private static String sentence(String subject, List<FieldChange> changes) {
        if (changes.size() == 1) {
            FieldChange change = changes.get(0);
            return Labels.field(change.field()) + " för " + subject + " ändrades från " + Labels.value(change.before())
                   + " till " + Labels.value(change.after()) + ".";
        }
        return Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + " ändrades: " + changes.stream()
                .map(change -> Labels.field(change.field()).toLowerCase() + " från " + Labels.value(change.before())
                               + " till " + Labels.value(change.after()))
                .collect(Collectors.joining("; ")) + ".";
    }

    /** Field by field, for two records of the same type; {@code before == null} lists every field as new. */
    static List<FieldChange> diff(Record before, Record after) {
        List<FieldChange> changes = new ArrayList<>();
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            Object newValue = readable(read(component, after));
            Object oldValue = before == null ? null : readable(read(component, before));
            addIfChanged(changes, component.getName(), oldValue, newValue);
        }
        return changes;
    }

    private static void addIfChanged(List<FieldChange> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, before, after));
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Typed ids as their raw value, sets in a stable order. */
    private static Object readable(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof CommitmentId) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof java.util.Set<?> set) {
            return set.stream().map(String::valueOf).sorted().toList();
        }
        return value;
    }

    private static String string(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : String.valueOf(value);
    }
}

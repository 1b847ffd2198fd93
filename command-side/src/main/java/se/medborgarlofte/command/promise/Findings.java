package se.medborgarlofte.command.promise;

import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.FindingCommands.CompleteMeasure;
import se.medborgarlofte.command.promise.FindingCommands.DeclineMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PlanMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PublishFinding;
import se.medborgarlofte.command.promise.FindingCommands.RecordFinding;
import se.medborgarlofte.command.promise.FindingCommands.ReportBack;
import se.medborgarlofte.command.promise.FindingCommands.UnpublishFinding;
import se.medborgarlofte.command.promise.Promise.ActivityState;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.events.Responsible;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static se.medborgarlofte.command.promise.PromiseRejected.broken;
import static se.medborgarlofte.command.promise.PromiseRejected.notFound;
import static se.medborgarlofte.command.promise.PromiseRules.ensureNotInFuture;
import static se.medborgarlofte.command.promise.PromiseRules.requireReason;

/**
 * The findings of a promise with their åtgärder (rules 13–17 in the README), kept inside the promise because
 * every rule about them (the activity that found them, who may act, a closed promise) is a rule of the promise.
 * Commands are checked, then applied; {@link #evolve(FindingEvent)} only assigns state.
 */
final class Findings {

    private Map<String, FindingState> findings = new HashMap<>();

    /** Whether a finding with this id was recorded (an activity may name it as its cause). */
    boolean contains(String findingId) {
        return findings.containsKey(findingId);
    }

    record FindingState(FindingDetails details, LocalDate foundOn, Map<String, MeasureState> measures,
                        Publication publication) {
    }

    record MeasureState(MeasurePlan plan, boolean settled) {
    }

    record Publication(String publicText, String publicPlace, String publicAction) {
    }

    RecordingResult record(RecordFinding command, FindingContext context) {
        ActivityState activity = context.activity(command.details().activityId());
        context.requireSide(activity.details().performedBy());
        FindingState existing = findings.get(command.findingId().value());
        if (existing != null) {
            if (existing.details().equals(command.details())) {
                return RecordingResult.ALREADY_RECORDED;
            }
            throw broken(Rule.FINDING_ID_REUSED, command.findingId());
        }
        context.ensureOpen();
        if (activity.retracted()) {
            throw broken(Rule.ACTIVITY_RETRACTED, command.details().activityId());
        }
        requireNamed(command.details().responsible(), command.details().responsibleName());
        apply(new FindingRecorded(context.promiseId(), command.findingId(), command.details(),
                activity.details().occurredOn()));
        return RecordingResult.RECORDED;
    }

    RecordingResult plan(PlanMeasure command, FindingContext context) {
        FindingState finding = finding(command.findingId());
        context.requireSide(command.plan().responsible().side());
        MeasureState existing = finding.measures().get(command.measureId().value());
        if (existing != null) {
            if (existing.plan().equals(command.plan())) {
                return RecordingResult.ALREADY_RECORDED;
            }
            throw broken(Rule.MEASURE_ID_REUSED, command.measureId());
        }
        context.ensureOpen();
        requireNamed(command.plan().responsible(), command.plan().responsibleName());
        requireNotBeforeFinding(finding, command.plan().plannedOn());
        apply(new MeasurePlanned(context.promiseId(), command.findingId(), command.measureId(), command.plan()));
        return RecordingResult.RECORDED;
    }

    void complete(CompleteMeasure command, FindingContext context) {
        FindingState finding = finding(command.findingId());
        openMeasure(finding, command.findingId(), command.measureId(), context);
        requireNotBeforeFinding(finding, command.doneOn());
        ensureNotInFuture(command.doneOn(), context.clock());
        apply(new MeasureCompleted(context.promiseId(), command.findingId(), command.measureId(), command.doneOn(),
                command.whatWasDone()));
    }

    void decline(DeclineMeasure command, FindingContext context) {
        openMeasure(finding(command.findingId()), command.findingId(), command.measureId(), context);
        requireReason(command.reason());
        apply(new MeasureDeclined(context.promiseId(), command.findingId(), command.measureId(), command.reason()));
    }

    void reportBack(ReportBack command, FindingContext context) {
        FindingState finding = finding(command.findingId());
        context.requireSide(finding.details().responsible().side());
        context.ensureOpen();
        requireNotBeforeFinding(finding, command.reportedOn());
        ensureNotInFuture(command.reportedOn(), context.clock());
        apply(new FindingReportedBack(context.promiseId(), command.findingId(), command.reportedOn(), command.how()));
    }

    void publish(PublishFinding command, FindingContext context) {
        FindingState finding = finding(command.findingId());
        context.requireSide(finding.details().responsible().side());
        context.ensureOpen();
        Publication publication = new Publication(command.publicText(), command.publicPlace(), command.publicAction());
        if (publication.equals(finding.publication())) {
            throw broken(Rule.NOTHING_CHANGED);
        }
        apply(new FindingPublished(context.promiseId(), command.findingId(), command.publicText(),
                command.publicPlace(), command.publicAction()));
    }

    void unpublish(UnpublishFinding command, FindingContext context) {
        FindingState finding = finding(command.findingId());
        context.requireSide(finding.details().responsible().side());
        requireReason(command.reason());
        context.ensureOpen();
        if (finding.publication() == null) {
            throw broken(Rule.NOT_PUBLISHED, command.findingId());
        }
        apply(new FindingUnpublished(context.promiseId(), command.findingId(), command.reason()));
    }

    // --- checks ------------------------------------------------------------------------------------------

    private FindingState finding(FindingId findingId) {
        FindingState finding = findings.get(findingId.value());
        if (finding == null) {
            throw notFound(Rule.UNKNOWN_FINDING, findingId);
        }
        return finding;
    }

    /** A measure that may still be completed or declined, by the side responsible for it. */
    private static void openMeasure(FindingState finding, FindingId findingId, MeasureId measureId,
                                    FindingContext context) {
        MeasureState measure = finding.measures().get(measureId.value());
        if (measure == null) {
            throw notFound(Rule.UNKNOWN_MEASURE, measureId, findingId);
        }
        context.requireSide(measure.plan().responsible().side());
        context.ensureOpen();
        if (measure.settled()) {
            throw broken(Rule.MEASURE_SETTLED, measureId);
        }
    }

    private static void requireNamed(Responsible responsible, String name) {
        if (responsible == Responsible.OTHER && (name == null || name.isBlank())) {
            throw broken(Rule.RESPONSIBLE_NAME_REQUIRED);
        }
    }

    private static void requireNotBeforeFinding(FindingState finding, LocalDate date) {
        if (date.isBefore(finding.foundOn())) {
            throw broken(Rule.BEFORE_FINDING, date, finding.foundOn());
        }
    }

    // --- state -------------------------------------------------------------------------------------------

    void evolve(FindingEvent event) {
        String id = event.findingId().value();
        if (event instanceof FindingRecorded e) {
            findings.put(id, new FindingState(e.details(), e.foundOn(), Map.of(), null));
        } else if (event instanceof MeasurePlanned e) {
            findings.computeIfPresent(id, (key, f) -> withMeasure(f, e.measureId(), new MeasureState(e.plan(), false)));
        } else if (event instanceof MeasureCompleted e) {
            findings.computeIfPresent(id, (key, f) -> settled(f, e.measureId()));
        } else if (event instanceof MeasureDeclined e) {
            findings.computeIfPresent(id, (key, f) -> settled(f, e.measureId()));
        } else if (event instanceof FindingPublished e) {
            findings.computeIfPresent(id, (key, f) -> new FindingState(f.details(), f.foundOn(), f.measures(),
                    new Publication(e.publicText(), e.publicPlace(), e.publicAction())));
        } else if (event instanceof FindingUnpublished) {
            findings.computeIfPresent(id, (key, f) -> new FindingState(f.details(), f.foundOn(), f.measures(), null));
        }
        // FindingReportedBack: no rule depends on it
    }

    private static FindingState settled(FindingState finding, MeasureId measureId) {
        MeasureState measure = finding.measures().get(measureId.value());
        return measure == null ? finding : withMeasure(finding, measureId, new MeasureState(measure.plan(), true));
    }

    private static FindingState withMeasure(FindingState finding, MeasureId measureId, MeasureState measure) {
        Map<String, MeasureState> measures = new LinkedHashMap<>(finding.measures());
        measures.put(measureId.value(), measure);
        return new FindingState(finding.details(), finding.foundOn(), measures, finding.publication());
    }
}

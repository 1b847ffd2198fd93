package se.medborgarlofte.query.history;

import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.query.history.HistoryEntry.FieldChange;
import se.medborgarlofte.query.timeline.FindingFold;

import java.util.List;

/** History entries for a finding's events: what changed, and a Swedish sentence about it (internal). */
final class FindingHistory {

    record Described(String change, List<FieldChange> changes, String summary) {
    }

    private FindingHistory() {
    }

    /** {@code before} is the finding before the event (null for the event that records it). */
    static Described describe(FindingEvent event, FindingFold before) {
        if (event instanceof FindingRecorded e) {
            return new Described("FINDING_RECORDED", List.of(new FieldChange("what", null, e.details().what()),
                    new FieldChange("place", null, e.details().place()),
                    new FieldChange("category", null, e.details().category()),
                    new FieldChange("responsible", null, responsible(e)),
                    new FieldChange("foundOn", null, e.foundOn())),
                    "Fynd " + e.foundOn() + " (" + CodeLabels.category(e.details().category()).toLowerCase() + "): "
                    + e.details().what() + ", " + e.details().place() + ".");
        }
        String finding = "fyndet ”" + before.details.what() + "”";
        if (event instanceof MeasurePlanned e) {
            return new Described("MEASURE_PLANNED", List.of(new FieldChange("measure", null, e.plan().what()),
                    new FieldChange("plannedOn", null, e.plan().plannedOn())),
                    "Åtgärd för " + finding + ": " + e.plan().what() + " ("
                    + CodeLabels.responsible(e.plan().responsible(), e.plan().responsibleName()) + ", planerad till "
                    + e.plan().plannedOn() + ").");
        }
        if (event instanceof MeasureCompleted e) {
            return new Described("MEASURE_COMPLETED", List.of(new FieldChange("doneOn", null, e.doneOn()),
                    new FieldChange("whatWasDone", null, e.whatWasDone())),
                    "Åtgärden ”" + measure(before, e.measureId().value()) + "” för " + finding + " genomfördes "
                    + e.doneOn() + ".");
        }
        if (event instanceof MeasureDeclined e) {
            return new Described("MEASURE_DECLINED", List.of(new FieldChange("declined", false, true)),
                    "Åtgärden ”" + measure(before, e.measureId().value()) + "” för " + finding + " avböjdes.");
        }
        if (event instanceof FindingReportedBack e) {
            return new Described("FINDING_REPORTED_BACK", List.of(new FieldChange("reportedOn", null, e.reportedOn()),
                    new FieldChange("how", null, e.how())),
                    "Återkoppling till de boende om " + finding + " " + e.reportedOn() + ": " + e.how() + ".");
        }
        FindingFold.Publication was = before.publication;
        if (event instanceof FindingPublished e) {
            return new Described("FINDING_PUBLISHED", List.of(
                    new FieldChange("publicText", was == null ? null : was.publicText(), e.publicText()),
                    new FieldChange("publicPlace", was == null ? null : was.publicPlace(), e.publicPlace()),
                    new FieldChange("publicAction", was == null ? null : was.publicAction(), e.publicAction())),
                    "Den offentliga texten för " + finding + " publicerades: ”" + e.publicText() + "”.");
        }
        if (event instanceof FindingUnpublished) {
            return new Described("FINDING_UNPUBLISHED", List.of(new FieldChange("published", true, false)),
                    "Den offentliga texten för " + finding + " togs bort.");
        }
        throw new IllegalArgumentException("Unknown finding event " + event.getClass().getName());
    }

    private static String responsible(FindingRecorded e) {
        return CodeLabels.responsible(e.details().responsible(), e.details().responsibleName());
    }

    private static String measure(FindingFold finding, String measureId) {
        FindingFold.Measure measure = finding.measures.get(measureId);
        return measure == null ? measureId : measure.plan.what();
    }
}

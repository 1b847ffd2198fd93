package se.medborgarlofte.query.timeline;

import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingStatus;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding as its events say it is: what was found, its measures, the återkoppling, and its public wording if
 * published. Folded the same way for the read model ({@code findings}) and for a moment in the past
 * ({@link PromiseState}), so both answer alike.
 */
public final class FindingFold {

    public String findingId;
    public FindingDetails details;
    public LocalDate foundOn;
    public Map<String, Measure> measures = new LinkedHashMap<>();
    public List<ReportedBack> reportedBack = new ArrayList<>();
    public Publication publication;

    public static final class Measure {
        public MeasurePlan plan;
        public LocalDate doneOn;
        public String whatWasDone;
        public String declineReason;

        public boolean settled() {
            return doneOn != null || declineReason != null;
        }
    }

    public record ReportedBack(LocalDate reportedOn, String how) {
    }

    /** The only wording of the finding the public sees. */
    public record Publication(String publicText, String publicPlace, String publicAction) {
    }

    public void apply(FindingEvent event) {
        if (event instanceof FindingRecorded e) {
            findingId = e.findingId().value();
            details = e.details();
            foundOn = e.foundOn();
        } else if (event instanceof MeasurePlanned e) {
            Measure measure = new Measure();
            measure.plan = e.plan();
            measures.put(e.measureId().value(), measure);
        } else if (event instanceof MeasureCompleted e) {
            Measure measure = measures.get(e.measureId().value());
            measure.doneOn = e.doneOn();
            measure.whatWasDone = e.whatWasDone();
        } else if (event instanceof MeasureDeclined e) {
            measures.get(e.measureId().value()).declineReason = e.reason();
        } else if (event instanceof FindingReportedBack e) {
            reportedBack.add(new ReportedBack(e.reportedOn(), e.how()));
        } else if (event instanceof FindingPublished e) {
            publication = new Publication(e.publicText(), e.publicPlace(), e.publicAction());
        } else if (event instanceof FindingUnpublished) {
            publication = null;
        }
    }

    public FindingStatus status() {
        if (measures.isEmpty()) {
            return FindingStatus.OPEN;
        }
        if (measures.values().stream().anyMatch(measure -> !measure.settled())) {
            return FindingStatus.PLANNED;
        }
        return doneOn() != null ? FindingStatus.DONE : FindingStatus.DECLINED;
    }

    /** When the last measure was carried out, once every measure is settled and one was done; else null. */
    public LocalDate doneOn() {
        if (measures.isEmpty() || measures.values().stream().anyMatch(measure -> !measure.settled())) {
            return null;
        }
        return measures.values().stream().map(measure -> measure.doneOn).filter(date -> date != null)
                .max(LocalDate::compareTo).orElse(null);
    }

    /** Days from the finding to done, or null while it is not done. */
    public Long leadTimeDays() {
        LocalDate done = doneOn();
        return done == null ? null : ChronoUnit.DAYS.between(foundOn, done);
    }
}

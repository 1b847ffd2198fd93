package se.medborgarlofte.query.timeline;

import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.PromiseAmended;
import se.medborgarlofte.events.PromiseEvent.PromiseClosed;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseTerms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A promise as its events say it was after a given event: folded straight from the event store, so any past
 * moment can be reproduced exactly, whatever the read models hold now.
 */
public final class PromiseState {

    public static final class Commitment {
        public CommitmentTerms terms;
        public boolean withdrawn;
        /** Where it came from, if carried over from the previous period's promise. */
        public CommitmentCarriedOver carriedFrom;
        /** The assessments as they were recorded. */
        public final List<CommitmentAssessed> assessments = new ArrayList<>();
    }

    public static final class Activity {
        public ActivityDetails details;
        public boolean example;
        public boolean retracted;
    }

    public PromiseTerms terms;
    public boolean closed;
    public LocalDate closedOn;
    public final Map<String, Commitment> commitments = new LinkedHashMap<>();
    public final Map<String, Activity> activities = new LinkedHashMap<>();
    /** The promise this one renews, if any. */
    public String renewedFrom;
    public final Map<String, FindingFold> findings = new LinkedHashMap<>();

    public boolean exists() {
        return terms != null;
    }

    public void apply(PromiseEvent event) {
        if (event instanceof PromiseSigned e) {
            terms = e.terms();
        } else if (event instanceof PromiseAmended e) {
            terms = e.terms();
        } else if (event instanceof PromiseClosed e) {
            closed = true;
            closedOn = e.closedOn();
        } else if (event instanceof CommitmentAdded e) {
            Commitment commitment = new Commitment();
            commitment.terms = e.terms();
            commitments.put(e.commitmentId().value(), commitment);
        } else if (event instanceof CommitmentRevised e) {
            commitment(e.commitmentId().value()).terms = e.terms();
        } else if (event instanceof CommitmentWithdrawn e) {
            commitment(e.commitmentId().value()).withdrawn = true;
        } else if (event instanceof CommitmentAssessed e) {
            commitment(e.commitmentId().value()).assessments.add(e);
        } else if (event instanceof ActivityRecorded e) {
            Activity activity = new Activity();
            activity.details = e.details();
            activity.example = e.example();
            activities.put(e.activityId().value(), activity);
        } else if (event instanceof ActivityCorrected e) {
            activity(e.activityId().value()).details = e.details();
        } else if (event instanceof ActivityRetracted e) {
            activity(e.activityId().value()).retracted = true;
        } else if (event instanceof PromiseRenewed e) {
            renewedFrom = e.renewedFrom().value();
        } else if (event instanceof CommitmentCarriedOver e) {
            commitment(e.commitmentId().value()).carriedFrom = e;
        } else if (event instanceof FindingEvent e) {
            findings.computeIfAbsent(e.findingId().value(), id -> new FindingFold()).apply(e);
        }
    }

    public Commitment commitment(String commitmentId) {
        Commitment commitment = commitments.get(commitmentId);
        if (commitment == null) {
            throw new IllegalStateException("Event for unknown commitment " + commitmentId);
        }
        return commitment;
    }

    public Activity activity(String activityId) {
        Activity activity = activities.get(activityId);
        if (activity == null) {
            throw new IllegalStateException("Event for unknown activity " + activityId);
        }
        return activity;
    }
}

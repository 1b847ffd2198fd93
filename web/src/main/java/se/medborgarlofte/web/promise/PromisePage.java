package se.medborgarlofte.web.promise;

import se.medborgarlofte.web.page.Bar;
import se.medborgarlofte.web.page.ProgressWords;
import se.medborgarlofte.web.page.StatusView;

import java.util.List;

/** The view model of a promise page (and, in part, its widget). Text only: all decisions are made in Java. */
record PromisePage(String promiseId, String url, String title, String period, boolean assumedPeriod,
                   String municipalities, String policeArea, boolean assumedPoliceArea, String signedOn,
                   boolean assumedSignedOn, List<SignatoryLine> signatories, boolean assumedSignatories,
                   String statement, List<String> situationSources, String followUp, List<String> focusAreas,
                   String closedText, String closingSummary, String lastUpdated, String asOf, String asOfValue,
                   boolean asOfGiven, boolean hasExamples, ProgressWords.Total total, List<CommitmentSection> commitments,
                   String activitiesUrl, String feedUrl) {

    record SignatoryLine(String name, String role, String side) {
    }

    record CommitmentSection(String anchor, String title, String description, String owner, String focusArea,
                             boolean hasTarget, String target, boolean assumedTarget, Bar bar, StatusView status,
                             String pace, String counts, MonthlyChart chart, String chartHeading,
                             AssessmentLine assessment, List<ActivityLine> activities, String allActivitiesUrl,
                             String shape, String noTargetText) {
    }

    record AssessmentLine(String date, StatusView status, String rationale) {
    }

    record ActivityLine(String date, String kind, String place, String performedBy, boolean example) {
    }
}

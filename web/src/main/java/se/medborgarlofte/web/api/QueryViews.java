package se.medborgarlofte.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * What the web reads from the query side's public API: only the fields a page shows. Codes stay strings (a new code
 * must not break a page) and come with the API's Swedish labels. Activities have no notes, participants or
 * recorder here, so no page can show them even if an API answer carried them. Fields that newer query sides add
 * ({@code targetSource}, {@code assumedFields}) are read when present.
 */
public final class QueryViews {

    private QueryViews() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromiseSummary(String promiseId, String title, List<String> municipalities, String policeArea,
                                 LocalDate validFrom, LocalDate validTo, boolean closed, long version) {
    }

    /** {@code assumedFields} names the promise's fields that were modelled rather than taken from the signed text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promise(String promiseId, long version, String title, List<String> municipalities,
                          String policeArea, LocalDate validFrom, LocalDate validTo, LocalDate signedOn,
                          List<Signatory> signatories, String statement, List<String> situationSources,
                          String followUp, List<FocusArea> focusAreas, boolean closed, LocalDate closedOn,
                          String closingSummary, Instant updatedAt, List<Commitment> commitments,
                          List<String> assumedFields) {
        public List<String> assumedFields() {
            return assumedFields == null ? List.of() : assumedFields;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Signatory(String name, String role, String side) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FocusArea(String code, String title) {
    }

    /** {@code targetSource} is {@code ASSUMED} where the target was modelled rather than taken from the signed text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Commitment(String commitmentId, String title, String description, String owner, String ownerLabel,
                             String focusArea, List<String> countedKindLabels, Integer target, String targetSource,
                             boolean withdrawn, List<Assessment> assessments, String shapeLabel) {
        /** As a query side answered before commitment shapes. */
        public Commitment(String commitmentId, String title, String description, String owner, String ownerLabel,
                          String focusArea, List<String> countedKindLabels, Integer target, String targetSource,
                          boolean withdrawn, List<Assessment> assessments) {
            this(commitmentId, title, description, owner, ownerLabel, focusArea, countedKindLabels, target,
                    targetSource, withdrawn, assessments, null);
        }

        public List<Assessment> assessments() {
            return assessments == null ? List.of() : assessments;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assessment(LocalDate assessedOn, String status, String statusLabel, String rationale,
                             Instant recordedAt) {
    }

    /** The hash chain's anchor of one day: SHA-256 over every promise's newest event hash. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Anchor(LocalDate day, String anchor, int promises, Instant computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(String promiseId, LocalDate validFrom, LocalDate validTo, LocalDate asOf, boolean closed,
                           List<CommitmentProgress> commitments, RollUp total, Long lastEventSequence,
                           Instant lastChangedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /**
     * {@code shape} (COUNT where an older query side gives none) decides what the page says besides the status:
     * {@code cadence} for a recurring duty, {@code dueOn}/{@code doneOn} for a milestone; {@code targetMeasure} is
     * the outcome measure a target counts (null: activities); {@code forecast} is null until it means something.
     */
    public record CommitmentProgress(String commitmentId, Integer target, int done, Double expected, String status,
                                     String statusLabel, Integer forecast, List<MonthProgress> months,
                                     Assessment latestAssessment, String shape, String targetMeasure,
                                     Integer activities, Cadence cadence, LocalDate dueOn, LocalDate doneOn,
                                     boolean assessmentOld) {
        /** As a query side answered before commitment shapes. */
        public CommitmentProgress(String commitmentId, Integer target, int done, Double expected, String status,
                                  String statusLabel, Integer forecast, List<MonthProgress> months,
                                  Assessment latestAssessment) {
            this(commitmentId, target, done, expected, status, statusLabel, forecast, months, latestAssessment, null,
                    null, null, null, null, null, false);
        }

        public String shape() {
            return shape == null ? "COUNT" : shape;
        }
    }

    /** A recurring duty's periods: {@code due} so far, {@code met} of them, the {@code missed} ones. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cadence(String every, int atLeast, int due, int met, List<String> missed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MonthProgress(YearMonth month, Integer done, Integer cumulative, Double expectedCumulative) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /** {@code doneUpToTarget}: each commitment's done up to its own target (null from an older query side). */
    public record RollUp(int commitments, int withTarget, int target, int done, Integer doneUpToTarget, double expected,
                         String status, String statusLabel, Map<String, Integer> statusCounts, String overall,
                         String overallLabel) {
        /** As a query side answered before the overall status. */
        public RollUp(int commitments, int withTarget, int target, int done, Integer doneUpToTarget, double expected,
                      String status, String statusLabel, Map<String, Integer> statusCounts) {
            this(commitments, withTarget, target, done, doneUpToTarget, expected, status, statusLabel, statusCounts,
                    null, null);
        }

        /** The headline over every commitment that has a status (an older query side: the target's pace). */
        public StatusHeadline headline() {
            return overall != null ? new StatusHeadline(overall, overallLabel) : new StatusHeadline(status, statusLabel);
        }

        /** What may be set against the target: a commitment done beyond its target does not make up for another. */
        public int doneTowardsTarget() {
            return doneUpToTarget == null ? Math.min(done, target) : doneUpToTarget;
        }

        public Map<String, Integer> statusCounts() {
            return statusCounts == null ? Map.of() : statusCounts;
        }
    }

    public record StatusHeadline(String code, String label) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activity(String activityId, String kind, String kindLabel, LocalDate occurredOn, String place,
                           String performedBy, String performedByLabel, List<String> commitmentIds, boolean example,
                           Instant recordedAt, Instant lastChangedAt) {
    }
}

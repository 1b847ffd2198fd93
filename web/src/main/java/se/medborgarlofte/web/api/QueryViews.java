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
                             boolean withdrawn, List<Assessment> assessments) {
        public List<Assessment> assessments() {
            return assessments == null ? List.of() : assessments;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assessment(LocalDate assessedOn, String status, String statusLabel, String rationale,
                             Instant recordedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(String promiseId, LocalDate validFrom, LocalDate validTo, LocalDate asOf, boolean closed,
                           List<CommitmentProgress> commitments, RollUp total, Long lastEventSequence,
                           Instant lastChangedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CommitmentProgress(String commitmentId, Integer target, int done, Double expected, String status,
                                     String statusLabel, Integer forecast, List<MonthProgress> months,
                                     Assessment latestAssessment) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MonthProgress(YearMonth month, Integer done, Integer cumulative, Double expectedCumulative) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /** {@code doneUpToTarget}: each commitment's done up to its own target (null from an older query side). */
    public record RollUp(int commitments, int withTarget, int target, int done, Integer doneUpToTarget, double expected,
                         String status, String statusLabel, Map<String, Integer> statusCounts) {
        /** What may be set against the target: a commitment done beyond its target does not make up for another. */
        public int doneTowardsTarget() {
            return doneUpToTarget == null ? Math.min(done, target) : doneUpToTarget;
        }

        public Map<String, Integer> statusCounts() {
            return statusCounts == null ? Map.of() : statusCounts;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activity(String activityId, String kind, String kindLabel, LocalDate occurredOn, String place,
                           String performedBy, String performedByLabel, List<String> commitmentIds, boolean example,
                           Instant recordedAt, Instant lastChangedAt) {
    }
}

package se.medborgarlofte.web.staff.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the staff pages read from the query side, signed in: the codes the forms need ({@code countedKinds},
 * {@code owner}) and the internal activity log (notes, outcomes, who recorded). Codes stay strings.
 */
public final class StaffViews {

    private StaffViews() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promise(String promiseId, long version, String title, List<String> municipalities, String policeArea,
                          LocalDate validFrom, LocalDate validTo, LocalDate signedOn, List<Signatory> signatories,
                          String statement, List<String> situationSources, String followUp, boolean closed,
                          List<FocusArea> focusAreas, List<Commitment> commitments) {
        public List<FocusArea> focusAreas() {
            return focusAreas == null ? List.of() : focusAreas;
        }

        public List<Commitment> commitments() {
            return commitments == null ? List.of() : commitments;
        }

        public List<Commitment> active() {
            return commitments().stream().filter(c -> !c.withdrawn()).toList();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FocusArea(String code, String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Signatory(String name, String role, String side) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Commitment(String commitmentId, String title, String description, String owner, String ownerLabel,
                             String focusArea,
                             List<String> countedKinds, Integer target, boolean withdrawn,
                             List<Assessment> assessments) {
        public List<String> countedKinds() {
            return countedKinds == null ? List.of() : countedKinds;
        }

        public List<Assessment> assessments() {
            return assessments == null ? List.of() : assessments;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assessment(LocalDate assessedOn, String status, String statusLabel, String rationale) {
    }

    /** One entry of the internal activity log. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activity(String activityId, String kind, LocalDate occurredOn, String place, String performedBy,
                           List<String> commitmentIds, Map<String, Integer> outcomes, String notes, boolean example,
                           boolean retracted, String retractionReason, int corrections, Instant recordedAt,
                           String recordedBy) {
        public List<String> commitmentIds() {
            return commitmentIds == null ? List.of() : commitmentIds;
        }

        public Map<String, Integer> outcomes() {
            return outcomes == null ? Map.of() : outcomes;
        }
    }

    /** One change in the promise's history (for "what changed since the last meeting"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(Instant recordedAt, String change, String summary, String reason) {
    }

    /** The command side's answer to a CSV import (or its dry run), row by row. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportReport(boolean dryRun, int rows, int ok, int alreadyRecorded, int invalid,
                               List<ImportRow> results) {
        public List<ImportRow> results() {
            return results == null ? List.of() : results;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportRow(int row, String activityId, String status, String field, String rule, String message,
                            List<Integer> identicalTo) {
        public List<Integer> identicalTo() {
            return identicalTo == null ? List.of() : identicalTo;
        }
    }
}

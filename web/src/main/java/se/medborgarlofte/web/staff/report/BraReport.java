package se.medborgarlofte.web.staff.report;

import java.util.List;

/**
 * The follow-up report for the local BRÅ, as the printable page, the PDF and the Excel file show it: per commitment
 * done, target, status and forecast; what changed since the last meeting; the assessments; the open matters; the
 * newest daily anchor of the hash chain (null before the first), so that the BRÅ's copy of the report keeps it.
 */
record BraReport(String promiseId, String title, String period, String asOf, String asOfIso, String since,
                 String sinceIso, List<Row> rows, List<Change> changes, List<Assessment> assessments,
                 List<String> openMatters, Anchor anchor) {

    /** One commitment; {@code target} and {@code forecast} are null for a commitment followed by assessments. */
    record Row(String commitment, String owner, int done, Integer target, String status, Integer forecast) {
        /** "7 av 12", or "7" without a target. */
        public String doneText() {
            return target == null ? String.valueOf(done) : done + " av " + target;
        }

        public String forecastText() {
            return forecast == null ? "–" : String.valueOf(forecast);
        }
    }

    record Change(String recordedOn, String summary, String reason) {
    }

    record Assessment(String commitment, String assessedOn, String status, String rationale) {
    }

    /** The hash chain's anchor of {@code day}: SHA-256 over the newest event hash of {@code promises} promises. */
    record Anchor(String day, String hash, int promises) {
    }
}

package se.medborgarlofte.query.integrity;

import io.swagger.v3.oas.annotations.media.Schema;
import se.medborgarlofte.eventstore.integrity.ChainReport;

/**
 * The answer of {@code GET /api/promises/{id}/verify}: whether the promise's stored history is what was written.
 *
 * @param result        {@code intact} or {@code broken}
 * @param eventsChecked the events found to match before the first that does not (all of them when intact)
 * @param headHash      the hash of the promise's last event as stored: what the daily anchor takes
 * @param firstBreak    the first event that does not match; null when intact
 * @param message       the same in Swedish
 */
record VerificationView(String promiseId, boolean intact, String result, int eventsChecked, String headHash,
                        FirstBreak firstBreak, String message) {

    /**
     * @param problem HASH_MISMATCH (its stored fields were changed), PREVIOUS_HASH_MISMATCH (it does not follow the
     *                event before it), MISSING (deleted), NOT_HASHED (stored without a hash after the chain began)
     */
    record FirstBreak(long sequenceNumber, String eventId,
                      @Schema(allowableValues = {"HASH_MISMATCH", "PREVIOUS_HASH_MISMATCH", "MISSING", "NOT_HASHED"})
                      String problem) {
    }

    static VerificationView of(ChainReport report) {
        if (report.intact()) {
            return new VerificationView(report.aggregateIdentifier(), true, "intact", report.eventsChecked(),
                    report.headHash(), null, "Historiken är obruten: alla " + report.eventsChecked()
                                                 + " händelser stämmer med sina kontrollsummor.");
        }
        ChainReport.Break first = report.firstBreak();
        return new VerificationView(report.aggregateIdentifier(), false, "broken", report.eventsChecked(),
                report.headHash(),
                new FirstBreak(first.sequenceNumber(), first.eventIdentifier(), first.problem().name()),
                "Händelse nummer " + first.sequenceNumber() + " stämmer inte: " + why(first.problem()) + ".");
    }

    private static String why(ChainReport.Problem problem) {
        return switch (problem) {
            case HASH_MISMATCH -> "den har ändrats sedan den lagrades";
            case PREVIOUS_HASH_MISMATCH -> "den hänger inte ihop med händelsen före (ändrad eller inskjuten)";
            case MISSING -> "den saknas (borttagen)";
            case NOT_HASHED -> "den saknar kontrollsumma";
        };
    }
}

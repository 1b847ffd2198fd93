package se.medborgarlofte.command.importing;

import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.PromiseRejected;
import se.medborgarlofte.command.web.Requests.ActivityRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Puts the rows that could not be read and the promise's answers to the others back in the file's order. */
final class ImportResults {

    /** Which field a broken rule of RecordActivity concerns. */
    private static final Map<String, String> RULE_FIELDS = Map.ofEntries(
            Map.entry("OUTSIDE_PERIOD", "occurredOn"), Map.entry("IN_FUTURE", "occurredOn"),
            Map.entry("NO_COMMITMENTS", "commitmentIds"), Map.entry("DUPLICATE_LINK", "commitmentIds"),
            Map.entry("UNKNOWN_COMMITMENT", "commitmentIds"), Map.entry("COMMITMENT_WITHDRAWN", "commitmentIds"),
            Map.entry("KIND_NOT_COUNTED", "commitmentIds"), Map.entry("PERFORMER_MISMATCH", "performedBy"),
            Map.entry("WRONG_SIDE", "performedBy"), Map.entry("ACTIVITY_ID_REUSED", "activityId"));

    private ImportResults() {
    }

    /**
     * @param results     one entry per row: the unreadable rows' results, null where a command was made
     * @param commandRows the row number of each command
     */
    static List<ImportReport.RowResult> merge(List<ImportReport.RowResult> results,
                                              List<RecordActivity> commands, List<Integer> commandRows,
                                              List<ImportRunner.Outcome> outcomes,
                                              Map<ActivityRequest, List<Integer>> sameContent) {
        Map<Integer, List<Integer>> identical = new HashMap<>();
        for (List<Integer> rows : sameContent.values()) {
            if (rows.size() > 1) {
                for (Integer row : rows) {
                    identical.put(row, rows.stream().filter(other -> !other.equals(row)).toList());
                }
            }
        }
        List<ImportReport.RowResult> merged = new ArrayList<>(results);
        for (int i = 0; i < commands.size(); i++) {
            int row = commandRows.get(i);
            ImportRunner.Outcome outcome = outcomes.get(i);
            String activityId = commands.get(i).activityId().value();
            List<Integer> twins = identical.getOrDefault(row, List.of());
            PromiseRejected refusal = outcome.refusal();
            ImportReport.RowResult result = refusal != null
                    ? new ImportReport.RowResult(row, activityId, ImportReport.Status.INVALID,
                    RULE_FIELDS.get(refusal.rule().name()), refusal.rule().name(), refusal.getMessage(), twins)
                    : new ImportReport.RowResult(row, activityId, outcome.result() == RecordingResult.RECORDED
                    ? ImportReport.Status.OK : ImportReport.Status.ALREADY_RECORDED, null, null, null, twins);
            merged.set(row - 1, result);
        }
        return merged;
    }
}

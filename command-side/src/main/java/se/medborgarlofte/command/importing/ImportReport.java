package se.medborgarlofte.command.importing;

import java.util.List;

/**
 * What an import (or its dry run) did, row by row: {@code OK} (would be or was recorded), {@code ALREADY_RECORDED}
 * (the same activity is there: nothing added), {@code INVALID} (what is wrong, in Swedish, and with which field).
 * {@code identicalTo} names other rows with the same content: maybe two real records, maybe a row twice; a person
 * decides.
 */
public record ImportReport(boolean dryRun, int rows, int ok, int alreadyRecorded, int invalid, List<RowResult> results) {

    public enum Status { OK, ALREADY_RECORDED, INVALID }

    public record RowResult(int row, String activityId, Status status, String field, String rule, String message,
                            List<Integer> identicalTo) {
    }

    static ImportReport of(boolean dryRun, List<RowResult> results) {
        return new ImportReport(dryRun, results.size(), count(results, Status.OK),
                count(results, Status.ALREADY_RECORDED), count(results, Status.INVALID), results);
    }

    private static int count(List<RowResult> results, Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}

package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.query.tally.ActivityTally.Cell;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome figures of activities added up per measure, with the measures' Swedish names. */
final class OutcomeSums {

    private OutcomeSums() {
    }

    /** Per measure that any of the cells' activities reported (a reported 0 included), the sum. */
    static Map<String, Integer> totals(Collection<Cell> cells) {
        Map<String, Integer> totals = new TreeMap<>();
        cells.forEach(cell -> cell.outcomes().forEach((key, sum) -> totals.merge(key, sum.sum(), Integer::sum)));
        return totals;
    }

    /** A key counts as declared when any activity that reported it is of a kind that declares it. */
    static List<OutcomeFigure> of(Collection<Cell> cells) {
        Map<String, Boolean> declared = new TreeMap<>();
        cells.forEach(cell -> cell.outcomes().keySet().forEach(key -> declared.merge(key,
                OutcomeMeasures.declares(cell.kind(), key), Boolean::logicalOr)));
        return totals(cells).entrySet().stream()
                .map(e -> OutcomeFigure.of(e.getKey(), e.getValue(), declared.get(e.getKey())))
                .toList();
    }
}

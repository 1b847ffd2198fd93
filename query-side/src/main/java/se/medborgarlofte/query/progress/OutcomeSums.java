package se.medborgarlofte.query.progress;

import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome figures of activities added up per measure, with the measures' Swedish names. */
final class OutcomeSums {

    private OutcomeSums() {
    }

    static Map<String, Integer> totals(Collection<Activity> activities) {
        Map<String, Integer> totals = new TreeMap<>();
        activities.forEach(activity -> activity.outcomes().forEach((key, value) -> totals.merge(key, value, Integer::sum)));
        return totals;
    }

    /** A key counts as declared when any activity that reported it is of a kind that declares it. */
    static List<OutcomeFigure> of(Collection<Activity> activities) {
        Map<String, Boolean> declared = new TreeMap<>();
        activities.forEach(activity -> activity.outcomes().keySet().forEach(key -> declared.merge(key,
                OutcomeMeasures.declares(activity.kind(), key), Boolean::logicalOr)));
        return totals(activities).entrySet().stream()
                .map(e -> OutcomeFigure.of(e.getKey(), e.getValue(), declared.get(e.getKey())))
                .toList();
    }
}

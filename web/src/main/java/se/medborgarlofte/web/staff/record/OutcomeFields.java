package se.medborgarlofte.web.staff.record;

import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.OutcomeMeasure;
import se.medborgarlofte.events.OutcomeMeasures;

import java.util.Arrays;
import java.util.List;

/**
 * The measured outcomes the recording form offers for each activity kind: those the domain declares for the kind
 * ({@link OutcomeMeasures}, which the command side enforces), with their Swedish names from the labels bundle.
 */
final class OutcomeFields {

    private OutcomeFields() {
    }

    static List<String> of(String kind) {
        return isKind(kind) ? OutcomeMeasures.of(ActivityKind.valueOf(kind)).stream().map(OutcomeMeasure::key).toList()
                : List.of();
    }

    static boolean isKind(String kind) {
        return kind != null && Arrays.stream(ActivityKind.values()).anyMatch(k -> k.name().equals(kind));
    }
}

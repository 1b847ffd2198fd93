package se.medborgarlofte.events;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome measures each activity kind declares. A new record may report only these (with whole numbers);
 * records stored before the catalogue existed keep their keys and are shown under "övrigt". The Swedish label and
 * unit of each measure live in the labels bundle ({@code outcome.<key>} and {@code outcomeUnit.<key>}).
 */
public final class OutcomeMeasures {

    private static final Map<ActivityKind, List<String>> KEYS = new EnumMap<>(ActivityKind.class);

    static {
        KEYS.put(ActivityKind.TRAFFIC_CONTROL, List.of("vehiclesChecked", "drunkDrivingSuspected",
                "drugDrivingSuspected", "speedingOffences", "unlicensedDriving"));
        KEYS.put(ActivityKind.SAFETY_WALK, List.of("residentsParticipating", "findingsReported"));
        KEYS.put(ActivityKind.SAFETY_PATROL, List.of("citizenContacts", "youthContacts"));
        KEYS.put(ActivityKind.SCHOOL_VISIT, List.of("pupilsReached", "youthContacts"));
        KEYS.put(ActivityKind.INFORMATION_EFFORT, List.of("attendees", "pupilsReached"));
        KEYS.put(ActivityKind.NEIGHBOURHOOD_WATCH, List.of("householdsReached"));
        KEYS.put(ActivityKind.EST_SITUATION_REPORT, List.of("reportingActors"));
        KEYS.put(ActivityKind.CITIZEN_DIALOGUE, List.of("residentsMet"));
        KEYS.put(ActivityKind.SAFETY_MEETING, List.of("attendees", "newActors", "casesDiscussed"));
        KEYS.put(ActivityKind.PHYSICAL_MEASURE, List.of("lightsInstalled", "bushesCleared", "placesCleaned"));
        KEYS.put(ActivityKind.OTHER, List.of("participants"));
    }

    private OutcomeMeasures() {
    }

    /** The measures of a kind, in the order a form shows them. */
    public static List<OutcomeMeasure> of(ActivityKind kind) {
        return KEYS.getOrDefault(kind, List.of()).stream().map(OutcomeMeasures::measure).toList();
    }

    public static boolean declares(ActivityKind kind, String key) {
        return KEYS.getOrDefault(kind, List.of()).contains(key);
    }

    /** The measure with this key, for any kind that declares it. */
    public static Optional<OutcomeMeasure> find(String key) {
        return KEYS.values().stream().anyMatch(keys -> keys.contains(key)) ? Optional.of(measure(key))
                : Optional.empty();
    }

    /** An activity's figures, the declared measures first in their order, then the others by key. */
    public static List<OutcomeFigure> figures(ActivityKind kind, Map<String, Integer> outcomes) {
        if (outcomes == null) {
            return List.of();
        }
        List<String> declared = KEYS.getOrDefault(kind, List.of());
        return outcomes.entrySet().stream()
                .sorted(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(e -> declared.contains(e.getKey())
                        ? declared.indexOf(e.getKey()) : declared.size()).thenComparing(Map.Entry::getKey))
                .map(e -> OutcomeFigure.of(e.getKey(), e.getValue(), declared.contains(e.getKey())))
                .toList();
    }

    private static OutcomeMeasure measure(String key) {
        return new OutcomeMeasure(key, CodeLabels.outcome(key), CodeLabels.outcomeUnit(key));
    }
}

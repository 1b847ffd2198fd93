package se.medborgarlofte.web.staff.record;

import java.util.List;
import java.util.Map;

/**
 * The measured outcomes the recording form offers for each activity kind: the one place they are listed (their
 * Swedish labels are {@code outcome.<key>} in {@code web-staff-messages.properties}). The keys are those of the
 * API's {@code outcomes} map and of the demo data. When the domain declares outcome measures per kind, this list
 * is to be read from the API instead.
 */
final class OutcomeFields {

    private static final Map<String, List<String>> BY_KIND = Map.ofEntries(
            Map.entry("TRAFFIC_CONTROL", List.of("vehiclesChecked", "drunkDrivingSuspected", "drugDrivingSuspected",
                    "speedingOffences", "unlicensedDriving")),
            Map.entry("SAFETY_WALK", List.of("residentsParticipating", "findingsReported")),
            Map.entry("SAFETY_PATROL", List.of("citizenContacts", "youthContacts")),
            Map.entry("SCHOOL_VISIT", List.of("pupilsReached", "youthContacts")),
            Map.entry("INFORMATION_EFFORT", List.of("attendees", "pupilsReached")),
            Map.entry("NEIGHBOURHOOD_WATCH", List.of("householdsReached")),
            Map.entry("EST_SITUATION_REPORT", List.of("reportingActors")),
            Map.entry("CITIZEN_DIALOGUE", List.of("residentsMet")),
            Map.entry("SAFETY_MEETING", List.of("casesDiscussed", "newActors")),
            Map.entry("PHYSICAL_MEASURE", List.of("lightsInstalled", "bushesCleared")),
            Map.entry("OTHER", List.of()));

    private OutcomeFields() {
    }

    static List<String> of(String kind) {
        return BY_KIND.getOrDefault(kind, List.of());
    }

    static boolean isKind(String kind) {
        return kind != null && BY_KIND.containsKey(kind);
    }
}

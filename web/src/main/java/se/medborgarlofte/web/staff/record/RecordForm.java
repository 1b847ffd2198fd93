package se.medborgarlofte.web.staff.record;

import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recording form holds, as typed (so that it can be shown again after an error), and the JSON it becomes
 * for the API's RecordActivity. Field names are the API's; the values go to the API as typed, and the API decides
 * what is wrong (the same rules everywhere).
 */
record RecordForm(String activityId, String kind, String occurredOn, String place, String performedBy,
                  List<String> commitmentIds, Map<String, String> outcomes, String notes, String municipality) {

    static final String OUTCOME_PREFIX = "outcomes.";

    static RecordForm from(MultiValueMap<String, String> form) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String key : OutcomeFields.of(form.getFirst("kind"))) {
            outcomes.put(key, trimmed(form.getFirst(OUTCOME_PREFIX + key)));
        }
        List<String> commitments = form.getOrDefault("commitmentIds", List.of());
        return new RecordForm(trimmed(form.getFirst("activityId")), trimmed(form.getFirst("kind")),
                trimmed(form.getFirst("occurredOn")), trimmed(form.getFirst("place")),
                trimmed(form.getFirst("performedBy")), List.copyOf(commitments), outcomes,
                trimmed(form.getFirst("notes")), trimmed(form.getFirst("municipality")));
    }

    public boolean checked(String commitmentId) {
        return commitmentIds.contains(commitmentId);
    }

    public String outcome(String key) {
        return outcomes.getOrDefault(key, "");
    }

    /** The RecordActivity body; blank fields are left out (the API names what is missing). */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("activityId", activityId);
        json.put("kind", blankToNull(kind));
        json.put("occurredOn", blankToNull(occurredOn));
        json.put("place", place);
        json.put("performedBy", blankToNull(performedBy));
        json.put("commitmentIds", commitmentIds);
        Map<String, Object> measured = new LinkedHashMap<>();
        outcomes.forEach((key, value) -> {
            if (!value.isEmpty()) {
                measured.put(key, value.matches("\\d{1,9}") ? (Object) Integer.valueOf(value) : value);
            }
        });
        json.put("outcomes", measured);
        json.put("notes", notes);
        if (municipality != null && !municipality.isBlank()) {
            json.put("municipality", municipality);
        }
        return json;
    }

    /** The same form with a new activity id (for "Registrera en till" after a repeat of a saved record). */
    RecordForm withActivityId(String newId) {
        return new RecordForm(newId, kind, occurredOn, place, performedBy, new ArrayList<>(commitmentIds), outcomes,
                notes, municipality);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

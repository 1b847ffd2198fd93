package se.medborgarlofte.web.staff.record;

import org.springframework.util.MultiValueMap;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The correction form: the activity's fields as a {@link RecordForm} (so the recording form's fields are reused) and
 * the reason. Only what differs from the activity as recorded is sent, with the reason.
 */
record CorrectionForm(RecordForm fields, String reason) {

    static CorrectionForm of(StaffViews.Activity activity) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String key : OutcomeFields.of(activity.kind())) {
            Integer value = activity.outcomes().get(key);
            outcomes.put(key, value == null ? "" : value.toString());
        }
        return new CorrectionForm(new RecordForm(activity.activityId(), activity.kind(),
                activity.occurredOn().toString(), activity.place(), activity.performedBy(), activity.commitmentIds(),
                outcomes, activity.notes() == null ? "" : activity.notes(), null), "");
    }

    static CorrectionForm from(MultiValueMap<String, String> form, StaffViews.Activity activity) {
        String reason = form.getFirst("reason");
        MultiValueMap<String, String> withKind = new org.springframework.util.LinkedMultiValueMap<>(form);
        withKind.put("kind", List.of(activity.kind()));
        withKind.put("activityId", List.of(activity.activityId()));
        return new CorrectionForm(RecordForm.from(withKind), reason == null ? "" : reason.strip());
    }

    /** The CorrectActivity body: the fields that differ from {@code activity}, and the reason. */
    Map<String, Object> changesFrom(StaffViews.Activity activity) {
        Map<String, Object> typed = fields.toJson();
        Map<String, Object> changes = new LinkedHashMap<>();
        putIfChanged(changes, "occurredOn", typed.get("occurredOn"), activity.occurredOn().toString());
        putIfChanged(changes, "place", typed.get("place"), activity.place());
        putIfChanged(changes, "performedBy", typed.get("performedBy"), activity.performedBy());
        if (!new HashSet<>(fields.commitmentIds()).equals(new HashSet<>(activity.commitmentIds()))) {
            changes.put("commitmentIds", fields.commitmentIds());
        }
        Map<String, Object> outcomes = new LinkedHashMap<>(activity.outcomes());
        fields.outcomes().forEach((key, value) -> {
            if (value.isEmpty()) {
                outcomes.remove(key);
            } else {
                outcomes.put(key, value.matches("\\d{1,9}") ? (Object) Integer.valueOf(value) : value);
            }
        });
        putIfChanged(changes, "outcomes", outcomes, activity.outcomes());
        putIfChanged(changes, "notes", typed.get("notes"), activity.notes() == null ? "" : activity.notes());
        changes.put("reason", reason);
        return changes;
    }

    private static void putIfChanged(Map<String, Object> changes, String field, Object typed, Object recorded) {
        if (!Objects.equals(typed, recorded)) {
            changes.put(field, typed);
        }
    }
}

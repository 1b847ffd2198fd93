package se.medborgarlofte.web.staff.commitment;

import org.springframework.util.MultiValueMap;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A commitment's wording as typed in the add and revise forms, and the API's CommitmentRequest it becomes. */
record CommitmentForm(String title, String description, String owner, String focusArea, List<String> countedKinds,
                      String target, String reason) {

    static CommitmentForm empty(String owner) {
        return new CommitmentForm("", "", owner, "", List.of(), "", "");
    }

    static CommitmentForm of(StaffViews.Commitment commitment) {
        return new CommitmentForm(commitment.title(), commitment.description() == null ? "" : commitment.description(),
                commitment.owner(), commitment.focusArea(), commitment.countedKinds(),
                commitment.target() == null ? "" : commitment.target().toString(), "");
    }

    static CommitmentForm from(MultiValueMap<String, String> form) {
        return new CommitmentForm(text(form, "title"), text(form, "description"), text(form, "owner"),
                text(form, "focusArea"), List.copyOf(form.getOrDefault("countedKinds", List.of())), text(form, "target"),
                text(form, "reason"));
    }

    public boolean counts(String kind) {
        return countedKinds.contains(kind);
    }

    /** The request body; a blank target is no target, anything not a whole number goes as typed (the API refuses). */
    Map<String, Object> toJson(boolean withReason) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("description", description);
        json.put("owner", owner.isEmpty() ? null : owner);
        json.put("focusArea", focusArea);
        json.put("countedKinds", countedKinds);
        json.put("target", target.isEmpty() ? null : target.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(target)
                : target);
        if (withReason) {
            json.put("reason", reason);
        }
        return json;
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }
}

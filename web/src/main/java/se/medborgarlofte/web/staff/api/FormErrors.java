package se.medborgarlofte.web.staff.api;

import se.medborgarlofte.web.page.Messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's problem details as Swedish errors next to the form's fields. A bad field ({@code errors[].field}, e.g.
 * {@code place}, {@code commitmentIds[0]}, {@code outcomes.vehiclesChecked}) gets the form's own sentence for it
 * ({@code <form>.error.<field>} in the bundle), a broken rule ({@code rule}) goes to the field it concerns with the
 * API's own Swedish sentence, anything else to the top of the form.
 */
public final class FormErrors {

    /** The key under which an error that concerns no one field is kept. */
    public static final String GENERAL = "general";

    /** One error: {@code anchor} is the id of the field's element, for the summary's link. */
    public record Error(String field, String anchor, String message) {
    }

    private final Map<String, String> byField = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /**
     * @param form       the bundle prefix of the form's field sentences, e.g. {@code record}
     * @param ruleFields which field each rule code concerns, e.g. {@code OUTSIDE_PERIOD -> occurredOn}
     */
    public static FormErrors from(ApiProblem problem, String form, Map<String, String> ruleFields, Messages messages) {
        FormErrors errors = new FormErrors();
        for (ApiProblem.FieldError error : problem.errors()) {
            String field = baseField(error.field());
            String sentence = messages.getOrNull(form + ".error." + field);
            errors.add(field, sentence != null ? sentence : error.message());
        }
        if (errors.byField.isEmpty()) {
            String field = problem.rule() == null ? GENERAL : ruleFields.getOrDefault(problem.rule(), GENERAL);
            errors.add(field, problem.detail() != null ? problem.detail() : messages.get("form.error.unknown"));
        }
        return errors;
    }

    /** {@code commitmentIds[0]} and {@code outcomes[x]} name their list or map; {@code outcomes.x} is kept. */
    static String baseField(String field) {
        if (field == null || field.isBlank()) {
            return GENERAL;
        }
        int bracket = field.indexOf('[');
        return bracket > 0 ? field.substring(0, bracket) : field;
    }

    public void add(String field, String message) {
        byField.merge(field, message, (a, b) -> a.equals(b) ? a : a + " " + b);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** The error at a field (or the first for a field family such as {@code outcomes}), or null. */
    public String at(String field) {
        String exact = byField.get(field);
        return exact != null ? exact : byField.entrySet().stream().filter(e -> e.getKey().startsWith(field + "."))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public boolean has(String field) {
        return at(field) != null;
    }

    /** For the summary at the top: every error with a link to its field. */
    public List<Error> all() {
        List<Error> all = new ArrayList<>();
        byField.forEach((field, message) -> all.add(new Error(field, anchor(field), message)));
        return all;
    }

    /** A field's element id: {@code outcomes.vehiclesChecked} is {@code outcomes-vehiclesChecked}. */
    public static String anchor(String field) {
        return GENERAL.equals(field) ? "innehall" : field.replace('.', '-');
    }
}

package se.medborgarlofte.web.staff.promise;

import org.springframework.util.MultiValueMap;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A promise's wording as typed in the sign and amend forms. Lists are one item a line: municipalities, the
 * lägesbild's sources, signatories as "name; role; Polisen or Kommunen", focus areas as "CODE; title".
 */
record PromiseForm(String title, String municipalities, String policeArea, String validFrom, String validTo,
                   String signedOn, String signatories, String statement, String situationSources, String followUp,
                   String focusAreas, String reason) {

    private static final Map<String, String> SIDES = Map.of("polisen", "POLICE", "police", "POLICE",
            "kommunen", "MUNICIPALITY", "municipality", "MUNICIPALITY");

    static PromiseForm empty(LocalDate today) {
        return new PromiseForm("", "", "", today.withDayOfYear(1).toString(),
                today.withMonth(12).withDayOfMonth(31).toString(), today.toString(), "", "", "", "", "", "");
    }

    static PromiseForm of(StaffViews.Promise p) {
        return new PromiseForm(p.title(), String.join("\n", p.municipalities()), p.policeArea(), p.validFrom().toString(),
                p.validTo().toString(), p.signedOn() == null ? "" : p.signedOn().toString(),
                p.signatories() == null ? "" : p.signatories().stream()
                        .map(s -> s.name() + "; " + s.role() + "; " + ("POLICE".equals(s.side()) ? "Polisen" : "Kommunen"))
                        .collect(Collectors.joining("\n")),
                p.statement() == null ? "" : p.statement(),
                p.situationSources() == null ? "" : String.join("\n", p.situationSources()),
                p.followUp() == null ? "" : p.followUp(),
                p.focusAreas().stream().map(f -> f.code() + "; " + f.title()).collect(Collectors.joining("\n")), "");
    }

    static PromiseForm from(MultiValueMap<String, String> form) {
        return new PromiseForm(text(form, "title"), text(form, "municipalities"), text(form, "policeArea"),
                text(form, "validFrom"), text(form, "validTo"), text(form, "signedOn"), text(form, "signatories"),
                text(form, "statement"), text(form, "situationSources"), text(form, "followUp"),
                text(form, "focusAreas"), text(form, "reason"));
    }

    /** The SignPromise / AmendPromise body; what can't be read goes as typed, and the API says what is wrong. */
    Map<String, Object> toJson(boolean withReason) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("municipalities", lines(municipalities));
        json.put("policeArea", policeArea);
        json.put("validFrom", blankToNull(validFrom));
        json.put("validTo", blankToNull(validTo));
        json.put("signedOn", blankToNull(signedOn));
        json.put("signatories", lines(signatories).stream().map(line -> {
            List<String> parts = parts(line, 3);
            return Map.of("name", parts.get(0), "role", parts.get(1),
                    "side", SIDES.getOrDefault(parts.get(2).toLowerCase(java.util.Locale.ROOT), parts.get(2)));
        }).toList());
        json.put("statement", statement);
        json.put("situationSources", lines(situationSources));
        json.put("followUp", followUp);
        json.put("focusAreas", lines(focusAreas).stream().map(line -> {
            List<String> parts = parts(line, 2);
            return Map.of("code", parts.get(0), "title", parts.get(1));
        }).toList());
        if (withReason) {
            json.put("reason", reason);
        }
        return json;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** A line split at ";" into {@code count} parts, missing ones empty. */
    private static List<String> parts(String line, int count) {
        List<String> parts = Arrays.stream(line.split(";", count)).map(String::strip).collect(Collectors.toList());
        while (parts.size() < count) {
            parts.add("");
        }
        return parts;
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}

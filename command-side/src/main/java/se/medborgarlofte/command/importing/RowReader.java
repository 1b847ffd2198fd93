package se.medborgarlofte.command.importing;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import se.medborgarlofte.command.web.Requests.ActivityRequest;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CSV row as the API's RecordActivity request, checked as the JSON endpoint checks it; what is wrong is told in
 * Swedish with the field's name. A row without {@code activityId} gets one derived from the file's digest and the
 * row's number: importing the same file again adds nothing, and two equal rows are still two records.
 */
final class RowReader {

    /** The row as a request, or the first thing wrong with it. */
    record Read(ActivityRequest request, String field, String message) {
        boolean ok() {
            return request != null;
        }
    }

    private static final Map<String, String> FIELD_MESSAGES = Map.of(
            "activityId", "ska vara 1–64 tecken: bokstäver a–z, siffror, - och _",
            "place", "platsen saknas eller är längre än 300 tecken",
            "commitmentIds", "ange 1–20 åtaganden, vart och ett en gång, åtskilda med | eller ,",
            "participants", "högst 50 deltagare åtskilda med |, varje namn högst 200 tecken",
            "outcomes", "utfall är heltal från 0 till 10 000 000, högst 30 stycken",
            "notes", "anteckningen får vara högst 10 000 tecken");

    private final Validator validator;

    RowReader(Validator validator) {
        this.validator = validator;
    }

    static String derivedId(String digest, int row) {
        return "import-" + digest.substring(0, 24) + "-" + row;
    }

    Read read(ImportFile.Row row, String digest) {
        String activityId = row.cell("activityId").isEmpty() ? derivedId(digest, row.number()) : row.cell("activityId");
        ActivityKind kind = code(ActivityKind.class, row.cell("kind"));
        if (kind == null) {
            return error("kind", "okänd typ \"" + row.cell("kind") + "\"; använd en av " + codes(ActivityKind.values()));
        }
        LocalDate occurredOn;
        try {
            occurredOn = LocalDate.parse(row.cell("occurredOn"));
        } catch (DateTimeParseException e) {
            return error("occurredOn", "ange ett datum som finns, skrivet ÅÅÅÅ-MM-DD, inte \"" + row.cell("occurredOn") + "\"");
        }
        Party performedBy = code(Party.class, row.cell("performedBy"));
        if (performedBy == null) {
            return error("performedBy", "ange POLICE, MUNICIPALITY eller JOINT, inte \"" + row.cell("performedBy") + "\"");
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : row.cells().entrySet()) {
            if (cell.getKey().startsWith(ImportFile.OUTCOME_PREFIX) && !cell.getValue().isEmpty()) {
                if (!cell.getValue().matches("\\d{1,9}")) {
                    return error(cell.getKey(), "ska vara ett heltal, 0 eller större, inte \"" + cell.getValue() + "\"");
                }
                outcomes.put(cell.getKey().substring(ImportFile.OUTCOME_PREFIX.length()), Integer.valueOf(cell.getValue()));
            }
        }
        ActivityRequest request = new ActivityRequest(activityId, kind, occurredOn, row.cell("place"), performedBy,
                list(row.cell("commitmentIds"), "[|,]"), list(row.cell("participants"), "\\|"), outcomes, row.cell("notes"),
                blankToNull(row.cell("municipality")), blankToNull(row.cell("publicPlace")),
                blankToNull(row.cell("causedBy")), null, null, null);
        Optional<ConstraintViolation<ActivityRequest>> violation = validator.validate(request).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()));
        if (violation.isPresent()) {
            String path = violation.get().getPropertyPath().toString();
            String field = path.replaceAll("[\\[.<].*", "");
            field = field.startsWith("commitmentIdsDistinct") ? "commitmentIds" : field;
            return error(field, FIELD_MESSAGES.getOrDefault(field, violation.get().getMessage()));
        }
        return new Read(request, null, null);
    }

    /** Commitment ids are separated by | or , (an id has neither); participants by | (a name may hold a comma). */
    private static List<String> list(String cell, String separator) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split(separator)).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String cell) {
        return cell.isBlank() ? null : cell.strip();
    }

    private static <E extends Enum<E>> E code(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        return null;
    }

    private static String codes(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }

    private static Read error(String field, String message) {
        return new Read(null, field, message);
    }
}

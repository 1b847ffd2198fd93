package se.medborgarlofte.events;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a promise says about itself; signed once, replaced as a whole by an amendment. {@code sourceDocument}
 * names the signed text it was modelled from, {@code assumedFields} which of these fields were modelled rather than
 * quoted (for example {@code policeArea}, {@code signatories}); both are empty for promises stored before they existed.
 */
public record PromiseTerms(
        String title,
        List<String> municipalities,
        String policeArea,
        LocalDate validFrom,
        LocalDate validTo,
        LocalDate signedOn,
        List<Signatory> signatories,
        String statement,
        List<String> situationSources,
        String followUp,
        List<FocusArea> focusAreas,
        String sourceDocument,
        List<String> assumedFields) {

    public PromiseTerms {
        municipalities = List.copyOf(municipalities);
        signatories = List.copyOf(signatories);
        situationSources = situationSources == null ? List.of() : List.copyOf(situationSources);
        focusAreas = List.copyOf(focusAreas);
        assumedFields = assumedFields == null ? List.of() : List.copyOf(assumedFields);
    }

    /** The wording as it was before provenance was recorded. */
    public PromiseTerms(String title, List<String> municipalities, String policeArea, LocalDate validFrom,
                        LocalDate validTo, LocalDate signedOn, List<Signatory> signatories, String statement,
                        List<String> situationSources, String followUp, List<FocusArea> focusAreas) {
        this(title, municipalities, policeArea, validFrom, validTo, signedOn, signatories, statement, situationSources,
                followUp, focusAreas, null, List.of());
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }

    public boolean hasFocusArea(String code) {
        return focusAreas.stream().anyMatch(area -> area.code().equals(code));
    }

    /** Whether {@code name} is one of the promise's municipalities (ignoring case). */
    public boolean hasMunicipality(String name) {
        return name != null && municipalities.stream().anyMatch(name.strip()::equalsIgnoreCase);
    }
}

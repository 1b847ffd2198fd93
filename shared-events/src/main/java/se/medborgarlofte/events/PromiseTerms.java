package se.medborgarlofte.events;

import java.time.LocalDate;
import java.util.List;

/** Everything a promise says about itself; signed once, replaced as a whole by an amendment. */
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
        List<FocusArea> focusAreas) {

    public PromiseTerms {
        municipalities = List.copyOf(municipalities);
        signatories = List.copyOf(signatories);
        situationSources = situationSources == null ? List.of() : List.copyOf(situationSources);
        focusAreas = List.copyOf(focusAreas);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }

    public boolean hasFocusArea(String code) {
        return focusAreas.stream().anyMatch(area -> area.code().equals(code));
    }
}

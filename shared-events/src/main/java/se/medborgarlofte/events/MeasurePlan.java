package se.medborgarlofte.events;

import java.time.LocalDate;

/** An åtgärd planned for a finding: what, who ({@code responsibleName} for another party) and by when. */
public record MeasurePlan(
        String what,
        Responsible responsible,
        String responsibleName,
        LocalDate plannedOn) {
}

package se.medborgarlofte.events;

/** A figure an activity of some kind reports, e.g. how many drivers a trafikkontroll checked. */
public record OutcomeMeasure(String key, String label, String unit) {
}

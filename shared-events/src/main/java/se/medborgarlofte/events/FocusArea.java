package se.medborgarlofte.events;

/** A focus area of a promise, e.g. {@code NARCOTICS} / "Narkotika bland unga". */
public record FocusArea(String code, String title) {
}

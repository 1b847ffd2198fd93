package se.medborgarlofte.events;

/** A person who signed a promise, for one side. */
public record Signatory(String name, String role, Party side) {
}

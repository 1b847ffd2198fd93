package se.medborgarlofte.events;

/** Where a commitment's target comes from: the signed text, or an assumption made when modelling it. */
public enum TargetSource {
    SIGNED_TEXT,
    ASSUMED
}

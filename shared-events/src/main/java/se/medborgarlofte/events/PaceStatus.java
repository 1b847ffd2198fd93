package se.medborgarlofte.events;

/** How far a commitment has come: computed against a target, or assessed by a person where there is none. */
public enum PaceStatus {
    NOT_STARTED,
    BEHIND,
    ON_TRACK,
    ACHIEVED
}

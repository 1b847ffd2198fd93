package se.medborgarlofte.events;

/**
 * How far a commitment has come: computed from its shape (against a target, periods due or a due date), or assessed
 * by a person. {@code IN_PROGRESS}, {@code DONE} and {@code LATE} belong to milestones.
 */
public enum PaceStatus {
    NOT_STARTED,
    BEHIND,
    ON_TRACK,
    ACHIEVED,
    IN_PROGRESS,
    DONE,
    LATE;

    /** Whether the status says the commitment is falling short. */
    public boolean fallingShort() {
        return this == BEHIND || this == LATE;
    }

    /** Whether the status says the commitment is fulfilled. */
    public boolean fulfilled() {
        return this == ACHIEVED || this == DONE;
    }
}

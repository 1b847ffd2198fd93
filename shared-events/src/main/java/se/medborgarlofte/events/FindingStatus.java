package se.medborgarlofte.events;

/**
 * Where a finding stands, from its measures: {@code OPEN} while nothing is planned, {@code PLANNED} while a measure
 * is neither done nor declined, {@code DONE} when every measure is settled and at least one was carried out,
 * {@code DECLINED} when every measure was declined.
 */
public enum FindingStatus {
    OPEN,
    PLANNED,
    DONE,
    DECLINED;

    /** Whether something is still to be done about the finding. */
    public boolean isOpen() {
        return this == OPEN || this == PLANNED;
    }
}

package se.medborgarlofte.events;

/** Who owns a commitment, performs an activity or signs a promise. */
public enum Party {
    POLICE,
    MUNICIPALITY,
    /** Both together; a JOINT commitment takes work from either side. */
    JOINT;

    /** Whether work performed by {@code this} side counts for a commitment owned by {@code owner}. */
    public boolean fits(Party owner) {
        return this == JOINT || owner == JOINT || this == owner;
    }
}

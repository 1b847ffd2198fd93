package se.medborgarlofte.events;

/**
 * What kind of promise a commitment is, which decides how its progress is judged.
 * <ul>
 * <li>{@code COUNT}: a number of activities (or of an outcome measure) over the period, judged against the pace.</li>
 * <li>{@code CADENCE}: a duty every month or quarter; a missed period stays missed.</li>
 * <li>{@code MILESTONE}: something done once by a due date.</li>
 * <li>{@code AS_NEEDED}: done when needed ("vid behov"); doing nothing is never falling behind.</li>
 * </ul>
 */
public enum CommitmentShape {
    COUNT,
    CADENCE,
    MILESTONE,
    AS_NEEDED
}

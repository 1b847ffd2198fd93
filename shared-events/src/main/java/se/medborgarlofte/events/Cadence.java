package se.medborgarlofte.events;

/** How often a {@link CommitmentShape#CADENCE} commitment is due: at least {@code atLeast} activities every period. */
public record Cadence(Every every, int atLeast) {

    public enum Every {
        MONTH,
        QUARTER
    }
}

package se.medborgarlofte.events;

/**
 * Who is responsible for a finding or a measure: one of the parties of the promise, or another named party
 * (a housing company, Trafikverket, a landowner) whose name is given next to {@code OTHER}.
 */
public enum Responsible {
    POLICE,
    MUNICIPALITY,
    OTHER;

    /** The side of the promise whose editors act for it; another party's matters are joint. */
    public Party side() {
        return switch (this) {
            case POLICE -> Party.POLICE;
            case MUNICIPALITY -> Party.MUNICIPALITY;
            case OTHER -> Party.JOINT;
        };
    }
}

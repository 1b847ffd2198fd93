package se.medborgarlofte.events;

/** Kinds of work recorded against a promise. */
public enum ActivityKind {
    TRAFFIC_CONTROL,
    SAFETY_WALK,
    SAFETY_PATROL,
    SCHOOL_VISIT,
    INFORMATION_EFFORT,
    NEIGHBOURHOOD_WATCH,
    EST_SITUATION_REPORT,
    CITIZEN_DIALOGUE,
    SAFETY_MEETING,
    PHYSICAL_MEASURE,
    OTHER
}

package se.medborgarlofte.events;

/** What kind of problem a finding is (from a trygghetsvandring or a lägesbild). */
public enum FindingCategory {
    /** Belysning: a dark path, a broken lamp. */
    LIGHTING,
    /** Buskar och träd som skymmer. */
    VEGETATION,
    /** Nedskräpning, klotter. */
    LITTER,
    /** Trafikmiljö: speeding, a dangerous crossing. */
    TRAFFIC_ENVIRONMENT,
    /** En otrygg plats: where people gather, where residents feel unsafe. */
    UNSAFE_PLACE,
    OTHER
}

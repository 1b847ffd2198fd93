package se.medborgarlofte.security;

/** What a caller may do. */
public enum Role {
    /** Signs, amends and closes promises; may do everything. */
    ADMIN,
    /** Acts for one organisation, on its own side, in promises where that organisation is a party. */
    EDITOR,
    /** Reads everything internal, history included. */
    VIEWER,
    /** The service itself (demo data on first start). */
    SYSTEM
}

package se.medborgarlofte.events;

/** Metadata keys every event carries: who caused it, why, and which request it belongs to. */
public final class EventMetadataKeys {
    public static final String USER_ID = "userId";
    public static final String USER_NAME = "userName";
    public static final String ORGANISATION = "organisation";
    public static final String ROLE = "role";
    public static final String REASON = "reason";
    public static final String CORRELATION_ID = "correlationId";
    public static final String COMMAND_ID = "commandId";

    private EventMetadataKeys() {
    }
}

package se.medborgarlofte.events;

import java.time.ZoneId;

/** Dates in events and in the API are Swedish local dates: "today" and "end of day" are Stockholm's. */
public final class SwedishTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private SwedishTime() {
    }
}

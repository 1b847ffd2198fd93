package se.medborgarlofte.command.promise;

import org.axonframework.messaging.MetaData;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.security.Role;

import java.util.Arrays;
import java.util.List;

/**
 * Who sends a command, read once from its metadata (which the web layer fills from the verified principal only):
 * the role, the organisation, and the promise version the caller last saw ({@code If-Match}), if any.
 */
record Caller(Role role, String organisation, Long expectedVersion) {

    static Caller of(MetaData metaData) {
        Object expected = metaData.get(Commands.EXPECTED_VERSION);
        return new Caller(role(metaData.get(EventMetadataKeys.ROLE)),
                text(metaData.get(EventMetadataKeys.ORGANISATION)),
                expected == null ? null : Long.valueOf(expected.toString()));
    }

    private static Role role(Object value) {
        String name = text(value);
        return Arrays.stream(Role.values()).filter(role -> role.name().equals(name)).findFirst().orElse(null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Each organisation the caller acts for (several where the metadata lists them, comma-separated). */
    List<String> organisations() {
        return CurrentUser.split(organisation);
    }

    /** Administrators and the service itself are bound by no organisation or side. */
    boolean unrestricted() {
        return role == Role.ADMIN || role == Role.SYSTEM;
    }
}

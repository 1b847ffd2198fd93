package se.medborgarlofte.command.web;

import org.axonframework.messaging.MetaData;
import se.medborgarlofte.command.promise.Commands;
import se.medborgarlofte.events.EventMetadataKeys;

import java.util.HashMap;
import java.util.Map;

/**
 * Who sends a command (the verified principal), and the request it belongs to ({@code X-Correlation-Id},
 * {@code X-Command-Id}). Stored as metadata on every event the command produces.
 */
public record Actor(String userId, String userName, String organisation, String role, String correlationId,
                    String commandId, Long expectedVersion) {

    public static Actor system(String userId, String userName) {
        return new Actor(userId, userName, "system", "SYSTEM", null, null, null);
    }

    public MetaData toMetaData(String reason) {
        Map<String, Object> values = new HashMap<>();
        put(values, EventMetadataKeys.USER_ID, userId);
        put(values, EventMetadataKeys.USER_NAME, userName);
        put(values, EventMetadataKeys.ORGANISATION, organisation);
        put(values, EventMetadataKeys.ROLE, role);
        put(values, EventMetadataKeys.CORRELATION_ID, correlationId);
        put(values, EventMetadataKeys.COMMAND_ID, commandId);
        put(values, EventMetadataKeys.REASON, reason == null || reason.isBlank() ? null : reason.strip());
        if (expectedVersion != null) {
            values.put(Commands.EXPECTED_VERSION, expectedVersion);
        }
        return MetaData.from(values);
    }

    private static void put(Map<String, Object> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}

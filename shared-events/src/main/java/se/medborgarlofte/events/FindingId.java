package se.medborgarlofte.events;

import java.util.Objects;

/** Typed id of a finding, chosen by the client; {@code toString()} is the raw value. */
public record FindingId(String value) {
    public FindingId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("finding id must not be blank");
        }
    }

    public static FindingId of(String value) {
        return new FindingId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

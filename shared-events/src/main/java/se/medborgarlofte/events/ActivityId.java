package se.medborgarlofte.events;

import java.util.Objects;

/** Typed id of a activity; {@code toString()} is the raw value. */
public record ActivityId(String value) {
    public ActivityId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("activity id must not be blank");
        }
    }

    public static ActivityId of(String value) {
        return new ActivityId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

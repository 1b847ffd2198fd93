package se.medborgarlofte.events;

import java.util.Objects;

/** Typed id of a measure, chosen by the client; {@code toString()} is the raw value. */
public record MeasureId(String value) {
    public MeasureId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("measure id must not be blank");
        }
    }

    public static MeasureId of(String value) {
        return new MeasureId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package se.medborgarlofte.events;

import java.util.Objects;

/** Typed id of a promise; {@code toString()} is the raw value. */
public record PromiseId(String value) {
    public PromiseId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("promise id must not be blank");
        }
    }

    public static PromiseId of(String value) {
        return new PromiseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

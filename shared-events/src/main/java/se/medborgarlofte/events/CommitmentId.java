package se.medborgarlofte.events;

import java.util.Objects;

/** Typed id of a commitment; {@code toString()} is the raw value. */
public record CommitmentId(String value) {
    public CommitmentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("commitment id must not be blank");
        }
    }

    public static CommitmentId of(String value) {
        return new CommitmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

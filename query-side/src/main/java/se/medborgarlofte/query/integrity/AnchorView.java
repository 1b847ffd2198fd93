package se.medborgarlofte.query.integrity;

import se.medborgarlofte.eventstore.integrity.HashAnchors;

import java.time.Instant;
import java.time.LocalDate;

/** One day's anchor: SHA-256 over every promise's head hash that day. */
record AnchorView(LocalDate day, String anchor, int promises, Instant computedAt) {

    static AnchorView of(HashAnchors.Anchor anchor) {
        return new AnchorView(anchor.day(), anchor.anchor(), anchor.promises(), anchor.computedAt());
    }
}

package se.medborgarlofte.query.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import se.medborgarlofte.query.history.HistoryEntry;

/**
 * A history entry as exported: the entry's fields, then its event's hash and the previous event's hash as stored
 * (hex SHA-256; null for an event outside the chain, and {@code previousHash} for the first event).
 */
record HashedHistoryEntry(@JsonUnwrapped HistoryEntry entry, String hash, String previousHash) {
}

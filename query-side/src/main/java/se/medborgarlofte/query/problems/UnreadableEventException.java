package se.medborgarlofte.query.problems;

/**
 * An event whose stored document can't be read (see {@code EventDocuments}): it fails where a read model meets it,
 * so that it is parked with its promise as a dead letter instead of being left out.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super("The stored event can't be read: " + reason, null, false, false);
    }
}

package se.medborgarlofte.query.web;

/** An id in the request path that names nothing. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message, null, false, false);
    }

    public static NotFoundException promise(String promiseId) {
        return new NotFoundException("Medborgarlöftet " + promiseId + " finns inte.");
    }
}

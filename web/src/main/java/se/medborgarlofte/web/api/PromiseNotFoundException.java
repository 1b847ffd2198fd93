package se.medborgarlofte.web.api;

/** No promise with that id (or an id no promise can have). */
public class PromiseNotFoundException extends RuntimeException {

    public PromiseNotFoundException(String promiseId) {
        super("No promise " + promiseId);
    }
}

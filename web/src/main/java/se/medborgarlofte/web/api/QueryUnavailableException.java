package se.medborgarlofte.web.api;

/** The query side did not answer, or answered with an error that is not the reader's fault. */
public class QueryUnavailableException extends RuntimeException {

    public QueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

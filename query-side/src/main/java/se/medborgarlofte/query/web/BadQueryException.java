package se.medborgarlofte.query.web;

/** A query parameter that is well-formed but makes no sense, such as an inverted date range. */
public class BadQueryException extends RuntimeException {
    private final String parameter;

    public BadQueryException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}

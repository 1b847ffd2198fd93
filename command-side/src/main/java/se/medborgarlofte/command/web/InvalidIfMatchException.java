package se.medborgarlofte.command.web;

/** An {@code If-Match} header that is not a version this API hands out. */
class InvalidIfMatchException extends RuntimeException {
    InvalidIfMatchException(String value) {
        super("If-Match ska vara en version som \"12\", inte " + value, null, false, false);
    }
}

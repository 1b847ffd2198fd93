package se.medborgarlofte.web.page;

/** A page address with a value the page does not understand; {@code message} is Swedish and shown to the reader. */
public class BadPageRequestException extends RuntimeException {

    public BadPageRequestException(String message) {
        super(message);
    }
}

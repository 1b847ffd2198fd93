package se.medborgarlofte.web.page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import se.medborgarlofte.web.api.PromiseNotFoundException;
import se.medborgarlofte.web.api.QueryUnavailableException;

import java.util.Map;

/** Every error as a Swedish page that says what happened and what to do; internals stay in the log. */
@ControllerAdvice
public class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final Messages messages;

    public PageErrors(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler({PromiseNotFoundException.class, NoResourceFoundException.class})
    ModelAndView notFound() {
        return page(HttpStatus.NOT_FOUND, messages.get("error.notFound.heading"), messages.get("error.notFound.text"));
    }

    @ExceptionHandler(BadPageRequestException.class)
    ModelAndView badRequest(BadPageRequestException e) {
        return page(HttpStatus.BAD_REQUEST, messages.get("error.badRequest.heading"), e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView method() {
        return page(HttpStatus.METHOD_NOT_ALLOWED, messages.get("error.method.heading"), messages.get("error.method.text"));
    }

    @ExceptionHandler(QueryUnavailableException.class)
    ModelAndView unavailable(QueryUnavailableException e) {
        log.warn("The query side could not answer: {}", e.getMessage());
        return page(HttpStatus.SERVICE_UNAVAILABLE, messages.get("error.unavailable.heading"),
                messages.get("error.unavailable.text"));
    }

    public static ModelAndView page(HttpStatus status, String heading, String text) {
        ModelAndView page = new ModelAndView("error", Map.of("heading", heading, "text", text));
        page.setStatus(status);
        return page;
    }
}

package se.medborgarlofte.command.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.medborgarlofte.command.promise.PromiseRejected;
import se.medborgarlofte.command.promise.UnreadableHistory;
import se.medborgarlofte.security.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.Map;

/**
 * Every error as an RFC 9457 problem detail: 400 names the bad field, 404 an unknown id, 409 a broken rule or
 * a concurrent change. Internals never reach the body.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final WebLimits limits;

    ProblemDetailsAdvice(WebLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(PromiseRejected.class)
    ProblemDetail rejected(PromiseRejected rejection) {
        if (rejection instanceof PromiseRejected.Invalid invalid) {
            ProblemDetail problem = Problems.invalid(rejection.rule().code(), invalid.field(), rejection.getMessage(),
                    rejection.getMessage());
            problem.setProperty("rule", rejection.rule().name());
            return problem;
        }
        HttpStatus status = rejection instanceof PromiseRejected.NotFound ? HttpStatus.NOT_FOUND
                : rejection instanceof PromiseRejected.Forbidden ? HttpStatus.FORBIDDEN
                : rejection instanceof PromiseRejected.PreconditionFailed ? HttpStatus.PRECONDITION_FAILED
                : HttpStatus.CONFLICT;
        ProblemDetail problem = problem(status, rejection.rule().code(), rejection.getMessage());
        problem.setProperty("rule", rejection.rule().name());
        return problem;
    }

    /** A multipart or otherwise unparseable body where JSON is expected. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail notJson(MultipartException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Skicka begäran som application/json.");
    }

    @ExceptionHandler(InvalidIfMatchException.class)
    ProblemDetail invalidIfMatch(InvalidIfMatchException e) {
        return Problems.invalid("invalid-header", "If-Match", e.getMessage(), e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownPromise(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-promise",
                "Medborgarlöftet " + e.getAggregateIdentifier() + " finns inte.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change",
                "Medborgarlöftet ändrades samtidigt av någon annan, eller finns redan. Läs om och försök igen.");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof PromiseRejected rejected) {
            return ResponseEntity.of(rejected(rejected)).build();
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return ResponseEntity.of(unknownPromise(notFound)).build();
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return ResponseEntity.of(concurrentChange(concurrency)).build();
        }
        if (cause instanceof UnreadableHistory unreadable) {
            return ResponseEntity.of(unreadableHistory(unreadable)).build();
        }
        return ResponseEntity.of(unexpected(e)).build();
    }

    @ExceptionHandler(UnreadableHistory.class)
    ProblemDetail unreadableHistory(UnreadableHistory e) {
        log.error("A command was refused: {} (an upcaster missing, or a newer version stored it)", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "unreadable-history", "Medborgarlöftets historik har en "
                + "händelse som den här versionen av tjänsten inte kan läsa. Inget har sparats; driften behöver "
                + "uppdatera tjänsten.");
    }

    @ExceptionHandler(EventStoreException.class)
    ProblemDetail storeUnavailable(EventStoreException e) {
        log.error("Event store failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "Händelselagret svarar inte just nu. Inget har sparats; försök igen.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Ett oväntat fel inträffade.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError field ? fieldName(field.getField()) : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String first = errors.isEmpty() ? "" : errors.get(0).get("field") + ": " + errors.get(0).get("message");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-field", "Ogiltigt fält " + first);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.BodyTooLargeException) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(limits.maxBodyBytes()));
            }
        }
        String field = null;
        boolean unknown = false;
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                field = path(jackson.getPath());
                unknown = t instanceof UnrecognizedPropertyException;
                break;
            }
        }
        String message = unknown ? "okänt fält" : "ogiltigt värde eller fel typ";
        ProblemDetail problem = field == null
                ? problem(HttpStatus.BAD_REQUEST, "malformed-body", "Begäran är inte giltig JSON.")
                : Problems.invalid(unknown ? "unknown-field" : "invalid-field", field, message,
                "Fältet " + field + ": " + message + ".");
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && statusCode.is5xxServerError()) {
            log.error("Request failed", ex);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** Bean validation reports record accessors such as {@code validTo}; container elements as {@code list[0].<list element>}. */
    private static String fieldName(String field) {
        return field.replace(".<list element>", "").replace(".<map key>", "").replace(".<map value>", "")
                .replace(".<iterable element>", "");
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        return Problems.of(status, code, detail);
    }
}

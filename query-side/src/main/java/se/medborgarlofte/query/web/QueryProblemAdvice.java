package se.medborgarlofte.query.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.medborgarlofte.security.Problems;


/** RFC 9457 problem details for the query API: 400 names the bad parameter, 404 an unknown id. */
@RestControllerAdvice
class QueryProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblemAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return invalidParameter(e.getName(), "Ogiltigt värde för parametern " + e.getName() + ": '" + e.getValue()
                + "'. Datum skrivs ÅÅÅÅ-MM-DD.");
    }

    /** A filter bound from several parameters (e.g. the activity log's): the first unreadable one. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldError error = e.getBindingResult().getFieldError();
        String name = error == null ? e.getParameter().getParameterName() : error.getField();
        Object value = error == null ? null : error.getRejectedValue();
        return ResponseEntity.badRequest().body(invalidParameter(name, "Ogiltigt värde för parametern " + name
                + ": '" + value + "'. Datum skrivs ÅÅÅÅ-MM-DD."));
    }

    @ExceptionHandler(BadQueryException.class)
    ProblemDetail badQuery(BadQueryException e) {
        return invalidParameter(e.parameter(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Ett oväntat fel inträffade.");
    }

    private static ProblemDetail invalidParameter(String parameter, String detail) {
        return Problems.invalid("invalid-parameter", parameter, detail, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        return Problems.of(status, code, detail);
    }
}

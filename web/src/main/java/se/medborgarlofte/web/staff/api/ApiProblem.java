package se.medborgarlofte.web.staff.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** An RFC 9457 problem detail from the command side: {@code rule} for a broken rule, {@code errors} for bad fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiProblem(int status, String type, String detail, String rule, List<FieldError> errors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {
    }

    public List<FieldError> errors() {
        return errors == null ? List.of() : errors;
    }
}

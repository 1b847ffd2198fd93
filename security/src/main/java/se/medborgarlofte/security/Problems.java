package se.medborgarlofte.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one place RFC 9457 problem details are made, for both APIs and their filters: {@code type} is
 * {@code /problems/<code>}, {@code title} the status phrase, {@code detail} a Swedish sentence; a bad field or
 * parameter is also named in {@code errors: [{field, message}]}.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + code));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** A 400 that names the field (or parameter, or header) that is wrong. */
    public static ProblemDetail invalid(String code, String field, String message, String detail) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, code, detail);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    /** 413: the body is over {@code maxBytes}. */
    public static ProblemDetail tooLarge(long maxBytes) {
        return of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Begäran är för stor: högst " + maxBytes + " byte.");
    }

    /** Writes a problem as the whole answer, where no controller advice runs (filters, security). */
    public static void write(HttpServletResponse response, ProblemDetail problem, String instance) throws IOException {
        problem.setInstance(URI.create(instance));
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getWriter(), problem);
    }
}

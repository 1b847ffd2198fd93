package se.medborgarlofte.web.staff.api;

/**
 * The command side's answer: a 2xx with {@code position} (its {@code X-Event-Position}, or -1) and its body (e.g.
 * {@code {"commitmentId": ...}}), or a problem.
 */
public record CommandAnswer(int status, long position, java.util.Map<String, Object> body, ApiProblem problem) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}

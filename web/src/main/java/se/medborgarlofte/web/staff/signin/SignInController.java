package se.medborgarlofte.web.staff.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.medborgarlofte.security.TooManySignInAttempts;

import java.io.IOException;

/**
 * The sign-in form and what it answers: a wrong name or password (401, the name kept), too many failures (429 with
 * {@code Retry-After}), and a form sent without its CSRF token or by someone not allowed (403).
 */
@Controller
class SignInController {

    private final SignInMethod method;

    SignInController(SignInMethod method) {
        this.method = method;
    }

    @ModelAttribute("oidc")
    boolean oidc() {
        return method.oidc();
    }

    @GetMapping(StaffSecurity.SIGN_IN)
    String form(@RequestParam(name = "utloggad", required = false) String signedOut, Model model) {
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("username", "");
        return "staff/sign-in";
    }

    /** Reached by a forward from {@link #failed}, which has set the status. */
    @RequestMapping(StaffSecurity.SIGN_IN + "/fel")
    String wrong(HttpServletRequest request, Model model) {
        model.addAttribute("error", "signIn.wrong");
        model.addAttribute("username", usernameOf(request));
        return "staff/sign-in";
    }

    @RequestMapping(StaffSecurity.SIGN_IN + "/sparrad")
    String blocked(HttpServletRequest request, Model model) {
        model.addAttribute("error", "signIn.blocked");
        model.addAttribute("username", usernameOf(request));
        return "staff/sign-in";
    }

    @RequestMapping(StaffSecurity.SIGN_IN + "/nekad")
    String forbidden() {
        return "staff/denied";
    }

    static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (exception instanceof TooManySignInAttempts tooMany) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
            request.getRequestDispatcher(StaffSecurity.SIGN_IN + "/sparrad").forward(request, response);
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            request.getRequestDispatcher(StaffSecurity.SIGN_IN + "/fel").forward(request, response);
        }
    }

    static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(StaffSecurity.SIGN_IN + "/nekad").forward(request, response);
    }

    private static String usernameOf(HttpServletRequest request) {
        String username = request.getParameter("username");
        return username == null ? "" : username.strip().substring(0, Math.min(100, username.strip().length()));
    }
}

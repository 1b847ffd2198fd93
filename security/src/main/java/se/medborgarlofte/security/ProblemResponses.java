package se.medborgarlofte.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;


/** 401 and 403 as RFC 9457 problem details, like every other error of the API. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(String challenge) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", challenge);
            Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Inloggning krävs, eller inloggningsuppgifterna stämmer inte."), request.getRequestURI());
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> Problems.write(response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Din roll får inte göra detta."), request.getRequestURI());
    }
}

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

    /** 429 with {@code Retry-After} while the sign-in limit blocks the caller; {@code otherwise} for other failures. */
    static AuthenticationEntryPoint tooManyOr(AuthenticationEntryPoint otherwise) {
        return (request, response, exception) -> {
            if (exception instanceof TooManySignInAttempts tooMany) {
                response.setHeader("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
                Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
                        "För många misslyckade inloggningar för det här namnet härifrån. Försök igen om "
                        + (tooMany.retryAfterSeconds() + 59) / 60 + " minuter."), request.getRequestURI());
            } else {
                otherwise.commence(request, response, exception);
            }
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> Problems.write(response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Din roll får inte göra detta."), request.getRequestURI());
    }
}

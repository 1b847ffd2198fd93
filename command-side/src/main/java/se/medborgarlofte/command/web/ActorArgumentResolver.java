package se.medborgarlofte.command.web;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import se.medborgarlofte.security.CurrentUser;

import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds the {@link Actor} of a request: who, from the verified principal (never from a header the caller can
 * set); the correlation id and command id, from the {@code X-Correlation-Id} and {@code X-Command-Id} headers.
 */
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private static final int MAX_LENGTH = 200;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binderFactory) {
        CurrentUser user = CurrentUser.get()
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
        return new Actor(user.userId(), user.name(), user.organisation(),
                user.role() == null ? null : user.role().name(),
                header(request, "X-Correlation-Id"), header(request, "X-Command-Id"), ifMatch(request));
    }

    /** A request id header, trimmed and capped in length; none if blank. */
    private static String header(NativeWebRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }

    /** {@code If-Match: "12"} (or W/"12"): the promise version the caller last read. */
    private static Long ifMatch(NativeWebRequest request) {
        String value = request.getHeader("If-Match");
        if (value == null || value.isBlank()) {
            return null;
        }
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidIfMatchException(value);
        }
    }
}

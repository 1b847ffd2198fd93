package se.medborgarlofte.command.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Builds the {@link Actor} of a request from its identity headers. */
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private static final int MAX_LENGTH = 200;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String userId = header(request, "X-User-Id");
        return new Actor(userId == null ? "anonymous" : userId, header(request, "X-User-Name"),
                header(request, "X-Organisation"), header(request, "X-Role"), header(request, "X-Correlation-Id"),
                header(request, "X-Command-Id"));
    }

    private static String header(NativeWebRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }
}

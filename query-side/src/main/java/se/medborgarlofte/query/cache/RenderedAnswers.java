package se.medborgarlofte.query.cache;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a kept answer ({@link AnswerCache}) as the JSON rendered when it was first given, instead of rendering it
 * again: with the application's own {@link JsonMapper}, the one the JSON converter writes with, so the bytes are
 * the same. Every other answer is left to the converter.
 */
@ControllerAdvice
class RenderedAnswers implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    RenderedAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null || !(request instanceof ServletServerHttpRequest servlet)
            || !(servlet.getServletRequest().getAttribute(AnswerCache.ANSWER) instanceof AnswerCache.Entry<?> entry)
            || entry.value() != body) {
            return body;
        }
        byte[] bytes = entry.json(json);
        response.getHeaders().setContentType(contentType);
        response.getHeaders().setContentLength(bytes.length);
        try {
            response.getBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // written: nothing left for the converter
        return null;
    }
}

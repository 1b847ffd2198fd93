package se.medborgarlofte.command.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Tells a client how far the event store had come when its command was answered: {@value #HEADER} on every successful
 * command answer is the store's highest global sequence number at that moment (Axon's head token), so the events the
 * command stored have this number or a lower one. A reader (the web's receipt) waits until the query side has
 * processed up to it before it shows figures, and so never shows the figure from before the command.
 */
@ControllerAdvice
class EventPositionHeader implements ResponseBodyAdvice<Object> {

    static final String HEADER = "X-Event-Position";

    private final EventStore eventStore;

    EventPositionHeader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType, Class converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (request.getMethod() == HttpMethod.POST && request.getURI().getPath().startsWith("/api/")
            && response instanceof ServletServerHttpResponse servlet && servlet.getServletResponse().getStatus() < 300) {
            TrackingToken head = eventStore.createHeadToken();
            long position = head instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : 0;
            response.getHeaders().set(HEADER, Long.toString(position));
        }
        return body;
    }
}

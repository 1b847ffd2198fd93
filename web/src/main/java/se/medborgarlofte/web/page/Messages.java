package se.medborgarlofte.web.page;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The Swedish message bundle, for sentences built in the page models (templates use {@code #{...}} directly). */
@Component
public class Messages {

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    public String get(String key, Object... arguments) {
        return source.getMessage(key, arguments, SwedishFormat.SWEDISH);
    }

    /** The sentence for {@code key}, or null where the bundle has none. */
    public String getOrNull(String key) {
        return source.getMessage(key, null, null, SwedishFormat.SWEDISH);
    }
}

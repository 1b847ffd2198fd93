package se.medborgarlofte.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/**
 * @param queryUrl      where the query side's API answers (public reads; the staff pages also read signed in)
 * @param commandUrl    where the command side's API answers (the staff pages' forms send their commands there)
 * @param widgetOrigins the origins whose pages may show {@code /loften/{id}/widget} in an iframe (for example a
 *                      municipality's website, {@code https://www.gnosjo.se}); no other page may be framed at all
 */
@ConfigurationProperties("medborgarlofte.web")
public record WebSettings(URI queryUrl, URI commandUrl, List<String> widgetOrigins) {

    public WebSettings {
        queryUrl = queryUrl == null ? URI.create("http://localhost:8081") : queryUrl;
        commandUrl = commandUrl == null ? URI.create("http://localhost:8080") : commandUrl;
        widgetOrigins = widgetOrigins == null ? List.of()
                : widgetOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }
}

package se.medborgarlofte.web.api;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import se.medborgarlofte.web.WebSettings;
import se.medborgarlofte.web.api.QueryViews.Activity;
import se.medborgarlofte.web.api.QueryViews.Anchor;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.api.QueryViews.PromiseSummary;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the query side's public API over HTTP, anonymously: the web sees exactly what any citizen's client sees.
 * A 404 is a {@link PromiseNotFoundException}; anything else that is not a 200 is a {@link QueryUnavailableException}.
 */
@Component
public class QueryClient {

    /** What a promise id can look like; anything else is no promise, and is never sent on. */
    private static final Pattern PROMISE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public QueryClient(WebSettings settings) {
        this.base = settings.queryUrl();
    }

    /** Filters of the activity log; null means any. */
    public record ActivityQuery(String kind, String commitmentId, LocalDate from, LocalDate to) {
        public static ActivityQuery all() {
            return new ActivityQuery(null, null, null, null);
        }
    }

    public List<PromiseSummary> promises() {
        return get(builder("/api/promises"), null, new TypeReference<>() {
        });
    }

    public Promise promise(String promiseId) {
        return get(builder("/api/promises/{id}"), promiseId, new TypeReference<>() {
        });
    }

    public Progress progress(String promiseId, LocalDate asOf) {
        UriComponentsBuilder uri = builder("/api/promises/{id}/progress");
        if (asOf != null) {
            uri.queryParam("asOf", asOf);
        }
        return get(uri, promiseId, new TypeReference<>() {
        });
    }

    public List<Activity> activities(String promiseId, ActivityQuery query) {
        UriComponentsBuilder uri = builder("/api/promises/{id}/activities");
        if (query.kind() != null) {
            uri.queryParam("kind", query.kind());
        }
        if (query.commitmentId() != null) {
            uri.queryParam("commitmentId", "{commitmentId}");
        }
        if (query.from() != null) {
            uri.queryParam("from", query.from());
        }
        if (query.to() != null) {
            uri.queryParam("to", query.to());
        }
        URI target = query.commitmentId() == null ? uri.buildAndExpand(checked(promiseId)).encode().toUri()
                : uri.buildAndExpand(checked(promiseId), query.commitmentId()).encode().toUri();
        return send(target, promiseId, new TypeReference<>() {
        });
    }

    /** The newest daily anchor of the hash chain, if one has been computed. */
    public Optional<Anchor> latestAnchor() {
        List<Anchor> anchors = get(builder("/api/operations/anchors"), null, new TypeReference<>() {
        });
        return anchors == null || anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.get(0));
    }

    private UriComponentsBuilder builder(String path) {
        return UriComponentsBuilder.fromUri(base).path(path);
    }

    private <T> T get(UriComponentsBuilder uri, String promiseId, TypeReference<T> type) {
        URI target = promiseId == null ? uri.build().encode().toUri()
                : uri.buildAndExpand(checked(promiseId)).encode().toUri();
        return send(target, promiseId, type);
    }

    private static String checked(String promiseId) {
        if (promiseId == null || !PROMISE_ID.matcher(promiseId).matches()) {
            throw new PromiseNotFoundException(String.valueOf(promiseId));
        }
        return promiseId;
    }

    private <T> T send(URI target, String promiseId, TypeReference<T> type) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueryUnavailableException("Query side unreachable at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryUnavailableException("Interrupted", e);
        }
        if (response.statusCode() == 404 && promiseId != null) {
            throw new PromiseNotFoundException(promiseId);
        }
        if (response.statusCode() != 200) {
            throw new QueryUnavailableException("Query side answered " + response.statusCode() + " to " + target, null);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new QueryUnavailableException("Unreadable answer from " + target, e);
        }
    }
}

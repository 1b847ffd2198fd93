package se.medborgarlofte.web.staff.api;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import se.medborgarlofte.web.WebSettings;
import se.medborgarlofte.web.api.PromiseNotFoundException;
import se.medborgarlofte.web.api.QueryUnavailableException;
import se.medborgarlofte.web.api.QueryViews;
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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command and query APIs, called on behalf of the signed-in member of staff with a bearer token
 * ({@link ApiTokens}: locally one the web signs, living five minutes; in production the identity provider's access
 * token); the web keeps no password in the session. Ids are checked before they go into a URL.
 */
@Component
public class StaffApi {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final WebSettings settings;
    private final ApiTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public StaffApi(WebSettings settings, ApiTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    public List<StaffViews.Promise> promises() {
        return get(query("/api/promises").build().toUri(), null, new TypeReference<>() {
        });
    }

    public StaffViews.Promise promise(String promiseId) {
        return get(query("/api/promises/{id}").buildAndExpand(checked(promiseId)).encode().toUri(), promiseId,
                new TypeReference<>() {
                });
    }

    public QueryViews.Progress progress(String promiseId, LocalDate asOf) {
        UriComponentsBuilder uri = query("/api/promises/{id}/progress");
        if (asOf != null) {
            uri.queryParam("asOf", asOf);
        }
        return get(uri.buildAndExpand(checked(promiseId)).encode().toUri(), promiseId, new TypeReference<>() {
        });
    }

    /** The internal activity log, newest first, retracted ones included. */
    public List<StaffViews.Activity> activities(String promiseId) {
        return get(query("/api/promises/{id}/activities").queryParam("includeRetracted", true)
                .buildAndExpand(checked(promiseId)).encode().toUri(), promiseId, new TypeReference<>() {
        });
    }

    /** Every change recorded from {@code from} on, oldest first. */
    public List<StaffViews.Change> history(String promiseId, LocalDate from) {
        return get(query("/api/promises/{id}/history").queryParam("from", from)
                .buildAndExpand(checked(promiseId)).encode().toUri(), promiseId, new TypeReference<>() {
        });
    }

    /** How far the read models have come (-1: unknown). */
    public long readPosition() {
        Map<String, Long> answer = get(query("/api/operations/read-position").build().toUri(), null,
                new TypeReference<>() {
                });
        return answer.getOrDefault("position", -1L);
    }

    /**
     * Waits, at most {@code wait}, until the read models have passed {@code position} (a command's
     * {@code X-Event-Position}); false when they have not, or when the position is unknown (negative).
     */
    public boolean awaitReadPosition(long position, Duration wait) {
        if (position < 0) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (readPosition() < position) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Sends a command as JSON; {@code path} has {@code {id}}-style variables filled from {@code variables}. */
    public CommandAnswer post(String path, Object body, String... variables) {
        URI target = UriComponentsBuilder.fromUri(settings.commandUrl()).path(path)
                .buildAndExpand((Object[]) java.util.Arrays.stream(variables).map(StaffApi::checked).toArray(String[]::new))
                .encode().toUri();
        HttpRequest request = authorized(target).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = send(request);
        long position = response.headers().firstValue("X-Event-Position").map(Long::parseLong).orElse(-1L);
        try {
            if (response.statusCode() < 300) {
                Map<String, Object> answer = response.body().length == 0 ? Map.of()
                        : json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
                        });
                return new CommandAnswer(response.statusCode(), position, answer, null);
            }
            return new CommandAnswer(response.statusCode(), -1, Map.of(),
                    json.readValue(response.body(), ApiProblem.class));
        } catch (JacksonException e) {
            throw new QueryUnavailableException("Unreadable answer from " + target, e);
        }
    }

    /** The command side's CSV import: {@code dryRun} checks every row and writes nothing. */
    public ImportAnswer importCsv(String promiseId, byte[] csv, boolean dryRun) {
        URI target = UriComponentsBuilder.fromUri(settings.commandUrl()).path("/api/promises/{id}/activities/import")
                .queryParam("dryRun", dryRun).buildAndExpand(checked(promiseId)).encode().toUri();
        HttpResponse<byte[]> response = send(authorized(target).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());
        try {
            return response.statusCode() == 200
                    ? new ImportAnswer(200, json.readValue(response.body(), StaffViews.ImportReport.class), null)
                    : new ImportAnswer(response.statusCode(), null, json.readValue(response.body(), ApiProblem.class));
        } catch (JacksonException e) {
            throw new QueryUnavailableException("Unreadable answer from " + target, e);
        }
    }

    /** The import's report, or its problem. */
    public record ImportAnswer(int status, StaffViews.ImportReport report, ApiProblem problem) {
    }

    private UriComponentsBuilder query(String path) {
        return UriComponentsBuilder.fromUri(settings.queryUrl()).path(path);
    }

    private static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new PromiseNotFoundException(String.valueOf(id));
        }
        return id;
    }

    private HttpRequest.Builder authorized(URI target) {
        return HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.bearer());
    }

    private <T> T get(URI target, String promiseId, TypeReference<T> type) {
        HttpResponse<byte[]> response = send(authorized(target).GET().build());
        if (response.statusCode() == 404 && promiseId != null) {
            throw new PromiseNotFoundException(promiseId);
        }
        if (response.statusCode() != 200) {
            throw new QueryUnavailableException("Answer " + response.statusCode() + " from " + target, null);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new QueryUnavailableException("Unreadable answer from " + target, e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueryUnavailableException("API unreachable at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryUnavailableException("Interrupted", e);
        }
    }
}

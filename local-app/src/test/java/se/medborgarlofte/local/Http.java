package se.medborgarlofte.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small JSON-over-HTTP client for tests: real HTTP against the running apps. */
final class Http {

    record Response(int status, JsonNode body, String raw, String contentType, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    /** JSON indented, keys in their order, for files people read and compare. */
    static String pretty(String json) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)) + "\n";
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    /** Anonymous. */
    Http(int port) {
        this(port, null);
    }

    /** Signed in as one of the {@link TestUsers}. */
    Http(int port, String user) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + user + "-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Http as(String user) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), user);
    }

    Response post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!contentType) {
            request.header("Content-Type", "application/json");
        }
        return send(authorize(request).build());
    }

    Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(authorize(request).build());
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(authorize(request).build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = raw == null || raw.isBlank() || !contentType.contains("json") ? null : JSON.readTree(raw);
            return new Response(response.statusCode(), body, raw, contentType, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

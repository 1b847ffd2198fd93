package se.medborgarlofte.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser-like HTTP client for the staff pages: keeps its cookies, sends forms as a browser does. */
final class StaffSession {

    record Answer(int status, String body, HttpResponse<String> response) {
        Document document() {
            return Jsoup.parse(body);
        }

        String location() {
            return response.headers().firstValue("Location").orElse(null);
        }
    }

    private final HttpClient client;
    private final String base;

    StaffSession(int port) {
        this(port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Shares {@code client}'s cookies (for a sign-in that passes through an identity provider). */
    StaffSession(int port, HttpClient client) {
        this.base = "http://localhost:" + port;
        this.client = client;
    }

    /** Signs in through the form; answers the response to the form's POST. */
    static StaffSession signedIn(int port, String username, String password) {
        StaffSession session = new StaffSession(port);
        Answer answer = session.signIn(username, password);
        if (answer.status() != 302 || !answer.location().endsWith("/personal/")) {
            throw new IllegalStateException("Sign-in failed: " + answer.status() + " " + answer.location());
        }
        return session;
    }

    Answer signIn(String username, String password) {
        Document form = get("/logga-in").document();
        return post("/logga-in", List.of("username", username, "password", password, "_csrf", csrf(form)));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET());
    }

    /** A download's bytes. */
    byte[] getBytes(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows a redirect answer to its page. */
    Answer follow(Answer redirect) {
        return get(redirect.location());
    }

    /** Sends a form: alternating names and values (a name may repeat, as checkboxes do). */
    Answer post(String path, List<String> fields) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            pairs.add(encode(fields.get(i)) + "=" + encode(fields.get(i + 1)));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
    }

    /** Sends a form with one file, as multipart/form-data. */
    Answer postFile(String path, String csrf, String field, String fileName, byte[] content) {
        String boundary = "----staff" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n");
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n");
        body.writeBytes(content);
        text.accept("\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The fields of the page's form (by CSS selector) as a browser would send them untouched, with overrides. */
    static List<String> fieldsOf(Document page, String formSelector, Map<String, String> overrides) {
        Element form = page.selectFirst(formSelector);
        List<String> fields = new ArrayList<>();
        for (Element input : form.select("input, textarea, select")) {
            String name = input.attr("name");
            String type = input.attr("type");
            if (name.isEmpty() || overrides.containsKey(name)
                || (("checkbox".equals(type) || "radio".equals(type)) && !input.hasAttr("checked"))) {
                continue;
            }
            fields.add(name);
            fields.add("textarea".equals(input.tagName()) ? input.text() : "select".equals(input.tagName())
                    ? selected(input) : input.val());
        }
        overrides.forEach((name, value) -> {
            for (String single : value.split("\\|", -1)) {
                fields.add(name);
                fields.add(single);
            }
        });
        return fields;
    }

    private static String selected(Element select) {
        Element option = select.selectFirst("option[selected]");
        option = option != null ? option : select.selectFirst("option");
        return option == null ? "" : option.val();
    }

    static String csrf(Document page) {
        Element token = page.selectFirst("input[name=_csrf]");
        if (token == null) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return token.val();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String join(List<String> values) {
        return values.stream().collect(Collectors.joining("|"));
    }
}

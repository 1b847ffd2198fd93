package se.medborgarlofte.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.testidp.TestIdentityProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in: the web signs staff in with OpenID Connect (authorization code with PKCE) at a real identity
 * provider (Spring Authorization Server), reads role and organisation from the ID token, and calls the APIs, which
 * run in JWT mode against the same provider, with the user's access token.
 */
class OidcSignInTest {

    static final List<ConfigurableApplicationContext> CONTEXTS = new ArrayList<>();
    static EmbeddedMongoServer mongo;
    static int webPort;
    static int idpPort;

    @BeforeAll
    static void start() {
        idpPort = freePort();
        webPort = freePort();
        CONTEXTS.add(TestIdentityProvider.start(idpPort, webPort));
        String issuer = "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:" + idpPort;
        String audience = "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestIdentityProvider.API_AUDIENCE;
        mongo = EmbeddedMongoServer.inMemory();
        String uri = "--spring.mongodb.uri=" + mongo.uri("oidc");
        ConfigurableApplicationContext command = CommandSideApplication.builder().run(uri, issuer, audience, "--server.port=0",
                "--medborgarlofte.demo-data.enabled=true", "--spring.main.register-shutdown-hook=false");
        ConfigurableApplicationContext query = QuerySideApplication.builder().run(uri, issuer, audience, "--server.port=0",
                "--spring.main.register-shutdown-hook=false");
        CONTEXTS.add(command);
        CONTEXTS.add(query);
        String registration = "--spring.security.oauth2.client.registration.staff.";
        CONTEXTS.add(WebApplication.builder().run("--server.port=" + webPort,
                "--medborgarlofte.web.query-url=http://localhost:" + port(query),
                "--medborgarlofte.web.command-url=http://localhost:" + port(command),
                registration + "client-id=" + TestIdentityProvider.CLIENT,
                registration + "client-secret=" + TestIdentityProvider.SECRET,
                registration + "scope=openid,profile",
                registration + "authorization-grant-type=authorization_code",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "--spring.security.oauth2.client.provider.staff.issuer-uri=http://127.0.0.1:" + idpPort,
                "--spring.main.register-shutdown-hook=false"));
    }

    @AfterAll
    static void stop() {
        for (int i = CONTEXTS.size() - 1; i >= 0; i--) {
            CONTEXTS.get(i).close();
        }
        mongo.close();
    }

    @Test
    void anOfficerSignsInAtTheIdentityProviderWithPkceAndRecordsWithTheirAccessToken() {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        StaffSession web = new StaffSession(webPort, browser);
        Document signIn = web.get("/logga-in").document();
        assertThat(signIn.select("form input[name=password]")).as("no local password form").isEmpty();
        String start = signIn.select("a[href=/oauth2/authorization/staff]").attr("href");

        HttpResponse<String> authorize = send(browser, "http://localhost:" + webPort + start, null);
        String location = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:" + idpPort + "/oauth2/authorize")
                .contains("code_challenge=", "code_challenge_method=S256", "scope=openid");
        String loginPage = follow(browser, location);
        Document login = Jsoup.parse(send(browser, loginPage, null).body());
        HttpResponse<String> signedIn = send(browser, "http://127.0.0.1:" + idpPort + "/login", Map.of(
                "username", TestIdentityProvider.USER, "password", TestIdentityProvider.PASSWORD,
                "_csrf", login.select("input[name=_csrf]").val()));
        String back = follow(browser, signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back).startsWith("http://localhost:" + webPort);

        Document home = web.get("/personal/").document();
        assertThat(home.select(".who").text()).isEqualTo("Kommunpolis via OIDC");
        assertThat(home.select("main h2").eachText()).contains("Medborgarlöfte Värnamo 2023")
                .noneMatch(title -> title.contains("Grästorp"));

        Document form = web.get("/personal/loften/varnamo-2023/registrera?kind=TRAFFIC_CONTROL").document();
        StaffSession.Answer saved = web.post("/personal/loften/varnamo-2023/registrera", StaffSession.fieldsOf(form,
                "form.staff-form", Map.of("place", "Riksväg 27", "occurredOn", "2024-04-20")));
        assertThat(saved.status()).as("the command side took the identity provider's access token").isEqualTo(302);
        Document receipt = web.follow(saved).document();
        assertThat(receipt.select(".receipt h2").text()).isEqualTo("Trafikkontroll, 20 april 2024");
    }

    /** Follows redirects while they stay on the identity provider; answers the first address elsewhere or a page. */
    private static String follow(HttpClient browser, String location) {
        String current = location;
        for (int i = 0; i < 10 && current.startsWith("http://127.0.0.1:" + idpPort); i++) {
            HttpResponse<String> response = send(browser, current, null);
            if (response.statusCode() != 302) {
                return current;
            }
            current = URI.create(current).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
        }
        if (current.startsWith("http://localhost:" + webPort + "/login/oauth2/code/")) {
            HttpResponse<String> callback = send(browser, current, null);
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
            return "http://localhost:" + webPort + callback.headers().firstValue("Location").orElseThrow()
                    .replaceFirst("^http://localhost:\\d+", "");
        }
        return current;
    }

    private static HttpResponse<String> send(HttpClient browser, String url, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (form != null) {
            List<String> pairs = new ArrayList<>();
            form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                                             + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        }
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A free port below the ephemeral range (Linux: 32768 and up): a port the system handed out for port 0 could be
     * handed out again, to the sides started with port 0 or to an outgoing connection, before the web binds it (a CI
     * run failed so: "Port 35189 was already in use").
     */
    private static int freePort() {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new UncheckedIOException(last);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}

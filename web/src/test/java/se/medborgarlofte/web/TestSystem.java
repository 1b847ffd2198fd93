package se.medborgarlofte.web;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The real system under the pages, once per test JVM: an in-memory embedded MongoDB, the command side with the five
 * seed promises, the query side, and the web pointed at the query side over HTTP. Nothing is mocked.
 */
final class TestSystem {

    static final String WIDGET_ORIGIN = "https://www.gnosjo.se";
    static final String ADMIN = "webbadmin";
    static final String ADMIN_PASSWORD = "webbadmin-password";
    static final String POLICE = "polis";
    static final String POLICE_PASSWORD = "polis-lösenord-1";
    static final String MUNICIPALITY = "kommun";
    static final String MUNICIPALITY_PASSWORD = "kommun-lösenord-1";
    /** Only the sign-in limit's test uses this one: it gets blocked. */
    static final String GUESSED = "vikarie";
    static final String GUESSED_PASSWORD = "vikarie-lösenord-1";
    static final List<String> SEED_PROMISES = List.of("gislaved-2023", "varnamo-2023", "grastorp-2021", "gnosjo-2024",
            "gullspang-2023");

    private static TestSystem instance;

    final WebClient web;
    final WebClient command;
    final WebClient query;
    final int webPort;
    final int commandPort;
    final int queryPort;

    private final EmbeddedMongoServer mongo;
    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;
    private final ConfigurableApplicationContext webSide;

    static synchronized TestSystem get() {
        if (instance == null) {
            instance = new TestSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "web-test-system"));
        }
        return instance;
    }

    private TestSystem() {
        mongo = EmbeddedMongoServer.inMemory();
        String uri = mongo.uri("medborgarlofte");
        String users = users().toString();
        commandSide = start(CommandSideApplication.builder(), "--spring.mongodb.uri=" + uri, "--server.port=0",
                "--medborgarlofte.security.users-file=" + users, "--medborgarlofte.demo-data.enabled=true",
                "--spring.main.register-shutdown-hook=false");
        querySide = start(QuerySideApplication.builder(), "--spring.mongodb.uri=" + uri, "--server.port=0",
                "--medborgarlofte.security.users-file=" + users, "--spring.main.register-shutdown-hook=false");
        int queryPort = port(querySide);
        webSide = start(WebApplication.builder(), "--server.port=0",
                "--medborgarlofte.web.query-url=http://localhost:" + queryPort,
                "--medborgarlofte.web.command-url=http://localhost:" + port(commandSide),
                "--medborgarlofte.security.users-file=" + users,
                "--medborgarlofte.web.widget-origins=" + WIDGET_ORIGIN, "--spring.main.register-shutdown-hook=false");
        web = new WebClient(port(webSide), null, null);
        commandPort = port(commandSide);
        command = new WebClient(port(commandSide), ADMIN, ADMIN_PASSWORD);
        webPort = port(webSide);
        query = new WebClient(queryPort, null, null);
        this.queryPort = queryPort;
        awaitSeedData();
    }

    /** All five seed promises with their example activities in the read models. */
    private void awaitSeedData() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> SEED_PROMISES.stream()
                .allMatch(id -> {
                    WebClient.Page activities = query.get("/api/promises/" + id + "/activities");
                    return activities.status() == 200 && activities.body().split("\"activityId\"").length > 8;
                }));
    }

    private static Path users() {
        try {
            Path file = Files.createTempDirectory("web-test-users").resolve("users.json");
            LocalUsers.provision(file, List.of(new LocalUsers.NewUser(ADMIN, "Webb Administratör", Role.ADMIN, null,
                            ADMIN_PASSWORD),
                    new LocalUsers.NewUser(POLICE, "Kommunpolis Värnamo", Role.EDITOR, "Lokalpolisområde Värnamo",
                            POLICE_PASSWORD),
                    new LocalUsers.NewUser(MUNICIPALITY, "Trygghetssamordnare Gnosjö", Role.EDITOR, "Gnosjö",
                            MUNICIPALITY_PASSWORD),
                    new LocalUsers.NewUser(GUESSED, "Vikarierande samordnare", Role.EDITOR, "Gnosjö",
                            GUESSED_PASSWORD)), 4);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs a promise of 2024 through the command API as the admin, for a test that changes it; 201 or fails. */
    void signPromise(String promiseId, String name) {
        WebClient.Page signed = command.post("/api/promises", """
                {"promiseId":"%s","title":"Medborgarlöfte %s 2024","municipalities":["%sby"],
                 "policeArea":"Lokalpolisområde %s","validFrom":"2024-01-01","validTo":"2024-12-31",
                 "signedOn":"2024-01-01","signatories":[{"name":"Kim","role":"KSO","side":"MUNICIPALITY"}],
                 "statement":"Vi lovar.","situationSources":[],"followUp":"Varje månad.",
                 "focusAreas":[{"code":"SAFETY","title":"Trygghet"}]}""".formatted(promiseId, name, name, name));
        org.assertj.core.api.Assertions.assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        // the staff pages read the promise from the query side, which follows the events a moment later
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> query.get("/api/promises/" + promiseId).status() == 200);
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... arguments) {
        return builder.run(arguments);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private synchronized void close() {
        for (ConfigurableApplicationContext context : List.of(webSide, querySide, commandSide)) {
            if (context.isActive()) {
                context.close();
            }
        }
        mongo.close();
    }
}

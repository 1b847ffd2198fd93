package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one-command run serves the public web in the same process: opening it shows the five seed promises in Swedish,
 * and the other two apps do not serve the web's pages or templates.
 */
class WebInLocalRunTest {

    @Test
    void theWebListsTheFiveSeedPromisesAndLinksEachToItsPage() throws Exception {
        try (LocalApplication app = new LocalApplication(new LocalApplication.Settings(null, null, 0, 0, 0, 0, true,
                Map.of()))) {
            assertThat(app.webPort()).isPositive();
            HttpClient client = HttpClient.newHttpClient();
            String list = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> get(client, app.webPort(), "/").body(), body -> List.of("Gnosjö 2024", "Grästorp 2021",
                            "Gislaved 2023", "Värnamo 2023", "Gullspång 2023").stream()
                            .allMatch(title -> body.contains("Medborgarlöfte " + title)));
            assertThat(list).contains("<html lang=\"sv\"", "utlovade insatser gjorda", "/loften/gnosjo-2024");
            HttpResponse<String> promise = get(client, app.webPort(), "/loften/gnosjo-2024");
            assertThat(promise.statusCode()).isEqualTo(200);
            assertThat(promise.body()).contains("Vi lovade", "Så här går det", "EST-lägesbild");
            assertThat(get(client, app.queryPort(), "/css/site.css").statusCode()).as("not on the query side")
                    .isIn(401, 404);
            assertThat(get(client, app.commandPort(), "/loften/gnosjo-2024").statusCode()).isIn(401, 404);
        }
    }

    @Test
    void withoutAWebPortNoWebStarts() {
        try (LocalApplication app = new LocalApplication(new LocalApplication.Settings(null, null, 0, 0, 0, false,
                Map.of()))) {
            assertThat(app.webPort()).isEqualTo(-1);
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

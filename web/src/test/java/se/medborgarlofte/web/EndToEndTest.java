package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From the command API to what a citizen sees: an activity recorded by an officer appears on the promise page, its
 * bar moves, the cached page is no longer "not modified", and nothing private about it is shown anywhere.
 */
class EndToEndTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void anActivityRecordedThroughTheCommandApiAppearsOnThePromisePageAndItsBarMoves() {
        WebClient.Page before = system.web.get("/loften/gnosjo-2024");
        Element est = before.document().getElementById("atagande-gnosjo-2024-est");
        int done = Integer.parseInt(est.select(".bar-text").text().split(" ")[0]);
        double width = Double.parseDouble(est.select("svg.bar rect.bar-fill").attr("width"));
        String etag = before.header("ETag");
        assertThat(system.web.get("/loften/gnosjo-2024", "If-None-Match", etag).status()).isEqualTo(304);

        WebClient.Page recorded = system.command.post("/api/promises/gnosjo-2024/activities", """
                {"activityId":"webb-e2e-1","kind":"EST_SITUATION_REPORT","occurredOn":"2024-06-28",
                 "place":"Stadshuset, Gnosjö","performedBy":"JOINT","commitmentIds":["gnosjo-2024-est"],
                 "participants":["Greta Hemligsson"],"notes":"Anteckning som aldrig får synas 7f3k"}""");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

        Document after = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> system.web.get("/loften/gnosjo-2024").document(),
                        page -> page.getElementById("atagande-gnosjo-2024-est").select(".bar-text").text()
                                .equals((done + 1) + " av 12 gjorda"));
        Element estAfter = after.getElementById("atagande-gnosjo-2024-est");
        assertThat(Double.parseDouble(estAfter.select("svg.bar rect.bar-fill").attr("width"))).isGreaterThan(width);
        assertThat(estAfter.select(".activities li").first().text())
                .contains("EST-lägesbild", "28 juni 2024", "Stadshuset, Gnosjö").doesNotContain("Exempel");
        assertThat(system.web.get("/loften/gnosjo-2024", "If-None-Match", etag).status())
                .as("a new event makes a new page").isEqualTo(200);

        for (String path : List.of("/", "/loften/gnosjo-2024", "/loften/gnosjo-2024/aktiviteter",
                "/loften/gnosjo-2024/widget", "/loften/gnosjo-2024/flode.atom")) {
            WebClient.Page page = system.web.get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("Greta Hemligsson", "7f3k", TestSystem.ADMIN,
                    "Webb Administratör");
        }
        assertThat(system.web.get("/loften/gnosjo-2024/aktiviteter").body()).contains("Stadshuset, Gnosjö");
        assertThat(system.web.get("/loften/gnosjo-2024/flode.atom").body()).contains("Stadshuset, Gnosjö");
    }
}

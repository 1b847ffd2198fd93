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
        String midYear = "/loften/gnosjo-2024?asOf=2024-06-30";
        String fraud = "atagande-gnosjo-2024-fraud-information";
        WebClient.Page before = system.web.get(midYear);
        Element information = before.document().getElementById(fraud);
        int done = Integer.parseInt(information.select(".bar-text").text().split(" ")[0]);
        double width = Double.parseDouble(information.select("svg.bar rect.bar-fill").attr("width"));
        String etag = system.web.get("/loften/gnosjo-2024").header("ETag");
        assertThat(system.web.get("/loften/gnosjo-2024", "If-None-Match", etag).status()).isEqualTo(304);

        WebClient.Page recorded = system.command.post("/api/promises/gnosjo-2024/activities", """
                {"activityId":"webb-e2e-1","kind":"INFORMATION_EFFORT","occurredOn":"2024-06-28",
                 "place":"Stadshuset, Gnosjö","performedBy":"JOINT","commitmentIds":["gnosjo-2024-fraud-information"],
                 "participants":["Greta Hemligsson"],"notes":"Anteckning som aldrig får synas 7f3k"}""");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

        Document after = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> system.web.get(midYear).document(),
                        page -> page.getElementById(fraud).select(".bar-text").text()
                                .equals((done + 1) + " av 6 gjorda"));
        Element informationAfter = after.getElementById(fraud);
        assertThat(Double.parseDouble(informationAfter.select("svg.bar rect.bar-fill").attr("width")))
                .isGreaterThan(width);
        assertThat(informationAfter.select(".activities li").first().text())
                .contains("Informationsinsats", "28 juni 2024", "Stadshuset, Gnosjö").doesNotContain("Exempel");
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

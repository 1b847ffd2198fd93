package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording from the staff pages over real HTTP, against the real command and query sides. */
class StaffRecordingTest {

    static final String PROMISE = "varnamo-2023";
    static final String TRAFFIC = "varnamo-2023-traffic";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void aPoliceEditorSeesTheirPromisesAndOnlyTheCommitmentsOfTheirSide() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        Document home = polis.get("/personal/").document();
        assertThat(home.select("main h2").eachText()).contains("Medborgarlöfte Värnamo 2023", "Medborgarlöfte Gnosjö 2024")
                .noneMatch(title -> title.contains("Grästorp"));
        Document kinds = polis.get("/personal/loften/grastorp-2021/registrera").document();
        assertThat(kinds.select("h1").text()).isEqualTo("Du kan inte registrera här");
        Document form = polis.get("/personal/loften/" + PROMISE + "/registrera?kind=TRAFFIC_CONTROL").document();
        assertThat(form.select("input[name=performedBy]").eachAttr("value")).containsExactly("POLICE", "JOINT");
        assertThat(form.select("input[name=performedBy][checked]").val()).isEqualTo("POLICE");
        assertThat(form.select("input[name=commitmentIds]").eachAttr("value")).containsExactly(TRAFFIC);
        assertThat(form.select("label[for=outcomes-vehiclesChecked]").text()).isEqualTo("Kontrollerade förare");
        assertThat(form.select("input[name=activityId]").val()).isNotBlank();
    }

    @Test
    void aRecordShowsItsReceiptWithTheNewFigureAndASecondSendOfTheSameFormRecordsNothing() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        int before = trafficDone();
        Document form = polis.get("/personal/loften/" + PROMISE + "/registrera?kind=TRAFFIC_CONTROL").document();
        String activityId = form.select("input[name=activityId]").val();
        List<String> fields = StaffSession.fieldsOf(form, "form.staff-form", Map.of("place", "Riksväg 27, Värnamo",
                "occurredOn", "2024-04-12", "outcomes.vehiclesChecked", "48"));

        StaffSession.Answer saved = polis.post("/personal/loften/" + PROMISE + "/registrera", fields);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).contains("/personal/loften/" + PROMISE + "/kvitto?aktivitet=" + activityId);
        Document receipt = polis.follow(saved).document();
        assertThat(receipt.select("h1").text()).startsWith("Sparat");
        assertThat(receipt.select(".receipt h2").text()).isEqualTo("Trafikkontroll, 12 april 2024");
        assertThat(receipt.select(".progress-lines li").text())
                .as("the figure right after saving is the new one, never the old one")
                .startsWith("Trafik").contains((before + 1) + " gjorda");
        assertThat(receipt.select("a:contains(Registrera en till)").attr("href")).contains("kind=TRAFFIC_CONTROL");

        StaffSession.Answer again = polis.post("/personal/loften/" + PROMISE + "/registrera", fields);
        assertThat(again.status()).as("a double tap lands on the same receipt").isEqualTo(302);
        assertThat(polis.follow(again).document().select(".progress-lines li").text()).contains((before + 1) + " gjorda");
        assertThat(trafficDone()).isEqualTo(before + 1);
        assertThat(system.query.get("/api/promises/" + PROMISE + "/activities").body().split(activityId, -1))
                .as("recorded once").hasSize(2);
    }

    @Test
    void aBadFieldShowsItsSwedishMessageNextToItAndKeepsWhatWasTyped() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        int before = trafficDone();
        Document form = polis.get("/personal/loften/" + PROMISE + "/registrera?kind=TRAFFIC_CONTROL").document();
        StaffSession.Answer refused = polis.post("/personal/loften/" + PROMISE + "/registrera",
                StaffSession.fieldsOf(form, "form.staff-form", Map.of("place", " ", "occurredOn", "2024-04-13",
                        "notes", "Kontroll vid rondellen")));
        assertThat(refused.status()).isEqualTo(400);
        Document page = refused.document();
        assertThat(page.title()).startsWith("Fel i formuläret");
        assertThat(page.select(".has-error #place-error").text()).startsWith("Skriv var det hände");
        assertThat(page.select(".error-summary a[href=#place]").text()).startsWith("Skriv var det hände");
        assertThat(page.select("#occurredOn").val()).isEqualTo("2024-04-13");
        assertThat(page.select("#notes").text()).isEqualTo("Kontroll vid rondellen");
        assertThat(page.select("input[name=commitmentIds][checked]").val()).isEqualTo(TRAFFIC);

        Document outside = polis.post("/personal/loften/" + PROMISE + "/registrera",
                StaffSession.fieldsOf(form, "form.staff-form", Map.of("place", "Värnamo", "occurredOn", "2022-01-01")))
                .document();
        assertThat(outside.select(".has-error #occurredOn-error").text()).contains("utanför medborgarlöftets period");
        assertThat(trafficDone()).as("nothing was recorded").isEqualTo(before);
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefusedWith403AndRecordsNothing() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        int before = trafficDone();
        Document form = polis.get("/personal/loften/" + PROMISE + "/registrera?kind=TRAFFIC_CONTROL").document();
        List<String> fields = StaffSession.fieldsOf(form, "form.staff-form", Map.of("place", "Värnamo",
                "occurredOn", "2024-04-14", "_csrf", "forfalskad"));
        StaffSession.Answer refused = polis.post("/personal/loften/" + PROMISE + "/registrera", fields);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().select("h1").text()).isEqualTo("Åtkomst nekad");
        assertThat(trafficDone()).isEqualTo(before);
        assertThat(new StaffSession(system.webPort).post("/logga-in",
                List.of("username", TestSystem.POLICE, "password", TestSystem.POLICE_PASSWORD)).status())
                .as("the sign-in form too").isEqualTo(403);
    }

    @Test
    void staffPagesNeedSignInAndSignOutEndsTheSession() {
        StaffSession anonymous = new StaffSession(system.webPort);
        StaffSession.Answer home = anonymous.get("/personal/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.location()).endsWith("/logga-in");
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        StaffSession.Answer page = polis.get("/personal/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        StaffSession.Answer out = polis.post("/logga-ut", List.of("_csrf", StaffSession.csrf(page.document())));
        assertThat(out.location()).endsWith("/logga-in?utloggad");
        assertThat(polis.get("/personal/").status()).isEqualTo(302);
    }

    /** The done figure of Värnamo's traffic commitment, from the query side's public progress. */
    static int trafficDone() {
        String body = TestSystem.get().query.get("/api/promises/" + PROMISE + "/progress").body();
        int at = body.indexOf("\"commitmentId\":\"" + TRAFFIC + "\"");
        String rest = body.substring(at);
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("\"done\":(\\d+)").matcher(rest);
        assertThat(done.find()).isTrue();
        return Integer.parseInt(done.group(1));
    }
}

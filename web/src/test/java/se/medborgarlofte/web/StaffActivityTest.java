package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Correcting and retracting an activity from its page; what the page offers follows who may act for whom. */
class StaffActivityTest {

    static final String PROMISE = StaffRecordingTest.PROMISE;
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    /** Records a trafikkontroll through the form; answers the activity page's path. */
    static String record(StaffSession session, String place, String date) {
        Document form = session.get("/personal/loften/" + PROMISE + "/registrera?kind=TRAFFIC_CONTROL").document();
        String activityId = form.select("input[name=activityId]").val();
        StaffSession.Answer saved = session.post("/personal/loften/" + PROMISE + "/registrera",
                StaffSession.fieldsOf(form, "form.staff-form", Map.of("place", place, "occurredOn", date)));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(session.follow(saved).document().select(".receipt")).as("the read models have it").isNotEmpty();
        return "/personal/loften/" + PROMISE + "/aktiviteter/" + activityId;
    }

    @Test
    void anEditorCorrectsThePlaceWithAReasonAndThenRetractsTheActivity() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        String path = record(polis, "Fel gata", "2024-02-02");
        int before = StaffRecordingTest.trafficDone();
        Document page = polis.get(path).document();
        assertThat(page.select("h1").text()).startsWith("Trafikkontroll, 2 februari 2024");
        List<String> correction = StaffSession.fieldsOf(page, "form[action$=rattelse]", Map.of("place", "Rätt gata"));

        StaffSession.Answer noReason = polis.post(path + "/rattelse", correction);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.document().select("#reason-error").text()).startsWith("Skriv ett skäl");
        assertThat(noReason.document().select("#place").val()).as("input kept").isEqualTo("Rätt gata");

        StaffSession.Answer nothing = polis.post(path + "/rattelse", StaffSession.fieldsOf(page,
                "form[action$=rattelse]", Map.of("reason", "Kontroll")));
        assertThat(nothing.document().select(".error-summary").text()).contains("Ändringen ändrar ingenting");

        StaffSession.Answer corrected = polis.post(path + "/rattelse", StaffSession.fieldsOf(page,
                "form[action$=rattelse]", Map.of("place", "Rätt gata", "reason", "Fel gata angavs")));
        assertThat(corrected.status()).isEqualTo(302);
        Document after = polis.follow(corrected).document();
        assertThat(after.select(".notice").text()).isEqualTo("Ändringen är sparad.");
        assertThat(after.select(".facts dd").first().text()).isEqualTo("Rätt gata");
        assertThat(after.select(".facts").text()).contains("Antal rättelser 1");

        StaffSession.Answer retracted = polis.post(path + "/aterkallelse", StaffSession.fieldsOf(after,
                "form[action$=aterkallelse]", Map.of("reason", "Dubbelregistrerad")));
        Document gone = polis.follow(retracted).document();
        assertThat(gone.select(".notice-example").text()).isEqualTo("Aktiviteten är återkallad: Dubbelregistrerad");
        assertThat(gone.select("form[action$=rattelse]")).as("nothing more to change").isEmpty();
        assertThat(StaffRecordingTest.trafficDone()).as("a retracted activity no longer counts").isEqualTo(before - 1);
    }

    @Test
    void aMunicipalEditorSeesAPoliceActivityButIsNotOfferedToChangeIt() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        String path = record(polis, "Storgatan", "2024-02-03");
        StaffSession admin = StaffSession.signedIn(system.webPort, TestSystem.ADMIN, TestSystem.ADMIN_PASSWORD);
        assertThat(admin.get(path).document().select("form[action$=rattelse]")).as("an admin may").isNotEmpty();
        StaffSession kommun = StaffSession.signedIn(system.webPort, TestSystem.MUNICIPALITY,
                TestSystem.MUNICIPALITY_PASSWORD);
        Document page = kommun.get(path).document();
        assertThat(page.select("h1").text()).startsWith("Trafikkontroll");
        assertThat(page.select("form[action$=rattelse], form[action$=aterkallelse]")).isEmpty();
        StaffSession.Answer refused = kommun.post(path + "/aterkallelse", List.of("_csrf",
                StaffSession.csrf(page), "reason", "Försök"));
        assertThat(refused.status()).as("the API refuses what the page does not offer").isEqualTo(403);
    }

    @Test
    void theAreaPageShowsThePromisesOfOnePoliceAreaSideBySide() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        Document page = polis.get("/personal/omrade").document();
        assertThat(page.select("h1").text()).isEqualTo("Lokalpolisområde Värnamo: alla medborgarlöften");
        assertThat(page.select("table.area thead th a").eachText()).containsExactly("Medborgarlöfte Gnosjö 2024",
                "Medborgarlöfte Värnamo 2023", "Medborgarlöfte Gislaved 2023");
        Document other = polis.get("/personal/omrade?polisomrade=Polisomr%C3%A5de%20Skaraborg")
                .document();
        assertThat(other.select("table.area thead th a").eachText()).containsExactly("Medborgarlöfte Gullspång 2023–2024");
    }
}

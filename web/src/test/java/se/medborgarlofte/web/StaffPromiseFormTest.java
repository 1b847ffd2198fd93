package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins sign and amend promises through forms; an editor is told they may not. */
class StaffPromiseFormTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void anAdminSignsAPromiseAfterFixingItsPeriodAndThenAmendsItWithAReason() {
        StaffSession admin = StaffSession.signedIn(system.webPort, TestSystem.ADMIN, TestSystem.ADMIN_PASSWORD);
        Document form = admin.get("/personal/nytt-lofte").document();
        Map<String, String> fields = new java.util.HashMap<>(Map.of("title", "Medborgarlöfte Formby 2024",
                "municipalities", "Formby", "policeArea", "Lokalpolisområde Formby", "validFrom", "2024-01-01",
                "validTo", "2023-12-31", "signedOn", "2023-12-01",
                "signatories", "Eva Ek; Kommunstyrelsens ordförande; Kommunen\nOla Berg; Lokalpolisområdeschef; Polisen",
                "statement", "Vi lovar tryggare kvällar.", "focusAreas", "SAFETY; Trygghet\nTRAFFIC; Trafik"));
        StaffSession.Answer refused = admin.post("/personal/nytt-lofte", StaffSession.fieldsOf(form, "form.staff-form",
                fields));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select(".has-error #validTo-error").text())
                .startsWith("Ange ett slutdatum som år-månad-dag, på eller efter startdatumet");
        assertThat(refused.document().select("#signatories").text()).as("input kept").contains("Ola Berg");

        fields.put("validTo", "2024-12-31");
        StaffSession.Answer signed = admin.post("/personal/nytt-lofte", StaffSession.fieldsOf(form, "form.staff-form",
                fields));
        assertThat(signed.status()).isEqualTo(302);
        String promiseId = signed.location().replaceAll(".*/loften/([^/]+)/rapport.*", "$1");
        assertThat(promiseId).isNotBlank().doesNotContain("/");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> admin.get("/personal/loften/" + promiseId + "/andring").status() == 200);
        Document amend = admin.get("/personal/loften/" + promiseId + "/andring").document();
        assertThat(amend.select("#focusAreas").val()).isEqualTo("SAFETY; Trygghet\nTRAFFIC; Trafik");
        assertThat(amend.select("#signatories").val()).contains("Ola Berg; Lokalpolisområdeschef; Polisen");
        StaffSession.Answer noReason = admin.post("/personal/loften/" + promiseId + "/andring",
                StaffSession.fieldsOf(amend, "form.staff-form", Map.of("statement", "Vi lovar tryggare nätter.")));
        assertThat(noReason.document().select(".has-error #reason-error").text()).isEqualTo("Ett skäl måste anges.");
        StaffSession.Answer amended = admin.post("/personal/loften/" + promiseId + "/andring",
                StaffSession.fieldsOf(amend, "form.staff-form", Map.of("statement", "Vi lovar tryggare nätter.",
                        "reason", "BRÅ ville skriva nätter")));
        assertThat(amended.status()).isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                system.query.get("/api/promises/" + promiseId).body().contains("Vi lovar tryggare nätter."));
    }

    @Test
    void anEditorIsToldThatOnlyAnAdminSignsPromises() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        StaffSession.Answer page = polis.get("/personal/nytt-lofte");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.document().select("main .lead").text())
                .isEqualTo("Bara en administratör får underteckna och ändra medborgarlöften.");
        assertThat(page.document().select("form.staff-form")).isEmpty();
    }
}

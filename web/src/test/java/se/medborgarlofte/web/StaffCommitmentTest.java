package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Assessing, adding, revising and withdrawing commitments from the staff pages. */
class StaffCommitmentTest {

    /** A police commitment without a target that no public page test looks at. */
    static final String COMMITMENT = "/personal/loften/gislaved-2023/atagande/gislaved-2023-trust";
    static final String OWN_PROMISE = "personaltest-2024";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void aPoliceEditorAssessesAPoliceCommitmentWithoutATargetAndAMissingRationaleIsToldAtItsField() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        Document page = polis.get(COMMITMENT).document();
        assertThat(page.select("h1").text()).startsWith("Ökad polisnärvaro i områden med lägre förtroende");
        StaffSession.Answer refused = polis.post(COMMITMENT + "/bedomning", StaffSession.fieldsOf(page,
                "form[action$=bedomning]", Map.of("status", "ON_TRACK", "assessedOn", "2024-03-01")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select(".has-error #rationale-error").text()).startsWith("Skriv en motivering");
        assertThat(refused.document().select("#status-ON_TRACK[checked]")).as("input kept").hasSize(1);

        StaffSession.Answer saved = polis.post(COMMITMENT + "/bedomning", StaffSession.fieldsOf(page,
                "form[action$=bedomning]", Map.of("status", "ON_TRACK", "assessedOn", "2024-03-01",
                        "rationale", "Samverkansmöten varje månad sedan i våras.")));
        assertThat(saved.status()).isEqualTo(302);
        Document after = polis.follow(saved).document();
        assertThat(after.select(".notice").text()).isEqualTo("Ändringen är sparad.");
        assertThat(after.select("main ul li").eachText())
                .contains("1 mars 2024: enligt plan. Samverkansmöten varje månad sedan i våras.");
    }

    @Test
    void aMunicipalEditorIsNotOfferedToAssessOrChangeAPoliceCommitment() {
        StaffSession kommun = StaffSession.signedIn(system.webPort, TestSystem.MUNICIPALITY,
                TestSystem.MUNICIPALITY_PASSWORD);
        Document page = kommun.get(COMMITMENT).document();
        assertThat(page.select("form[action$=bedomning], form[action$=revidering], form[action$=tillbakadragande]"))
                .isEmpty();
    }

    @Test
    void anAdminAddsACommitmentRevisesItsTargetWithAReasonAndWithdrawsIt() {
        system.signPromise(OWN_PROMISE, "Personaltest");
        String newCommitment = "/personal/loften/" + OWN_PROMISE + "/nytt-atagande";
        StaffSession admin = StaffSession.signedIn(system.webPort, TestSystem.ADMIN, TestSystem.ADMIN_PASSWORD);
        Document form = admin.get(newCommitment).document();
        StaffSession.Answer noKinds = admin.post(newCommitment, StaffSession.fieldsOf(
                form, "form.staff-form", Map.of("title", "Trygghetsvandringar i Hova", "owner", "JOINT",
                        "target", "4")));
        assertThat(noKinds.status()).isEqualTo(400);
        assertThat(noKinds.document().select("#countedKinds .field-error").text())
                .isEqualTo("Välj minst en typ av aktivitet som räknas.");
        StaffSession.Answer added = admin.post(newCommitment, StaffSession.fieldsOf(
                form, "form.staff-form", Map.of("title", "Trygghetsvandringar i Hova", "owner", "JOINT",
                        "target", "4", "countedKinds", "SAFETY_WALK")));
        assertThat(added.status()).isEqualTo(302);
        Document page = admin.follow(added).document();
        assertThat(page.select("h1").text()).startsWith("Trygghetsvandringar i Hova");
        String path = added.location().replaceFirst("\\?.*$", "").replaceFirst("^http://localhost:\\d+", "");
        assertThat(admin.get("/personal/").document().select("a:contains(Trygghetsvandringar i Hova)").attr("href"))
                .isEqualTo(path);
        assertThat(page.select(".facts").text()).contains("Mål för perioden 4");

        StaffSession.Answer revised = admin.post(path + "/revidering", StaffSession.fieldsOf(page,
                "form[action$=revidering]", Map.of("target", "6", "reason", "BRÅ beslutade fler vandringar")));
        assertThat(revised.status()).isEqualTo(302);
        Document after = admin.follow(revised).document();
        assertThat(after.select(".facts").text()).contains("Mål för perioden 6");

        StaffSession.Answer withdrawn = admin.post(path + "/tillbakadragande", StaffSession.fieldsOf(after,
                "form[action$=tillbakadragande]", Map.of("reason", "Ingår i ett annat åtagande")));
        assertThat(admin.follow(withdrawn).document().select(".notice-example").text())
                .startsWith("Åtagandet är tillbakadraget");
    }
}

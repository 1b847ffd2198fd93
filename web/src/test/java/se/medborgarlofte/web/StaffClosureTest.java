package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An admin closes a promise with a date and a summary; the public page says so; an editor may not. */
class StaffClosureTest {

    static final String PROMISE = "avslutstest-2024";
    static final String CLOSURE = "/personal/loften/" + PROMISE + "/avslut";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
        system.signPromise(PROMISE, "Avslutstest");
    }

    @Test
    void anAdminClosesAPromiseAfterFixingTheDateAndThePublicPageShowsTheSummary() {
        StaffSession admin = StaffSession.signedIn(system.webPort, TestSystem.ADMIN, TestSystem.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get(CLOSURE).status() == 200);
        assertThat(admin.get("/personal/").document().select("a[href$=" + PROMISE + "/avslut]").attr("aria-label"))
                .isEqualTo("Avsluta Medborgarlöfte Avslutstest 2024");
        Document form = admin.get(CLOSURE).document();
        assertThat(form.select("h1").text()).isEqualTo("Avsluta medborgarlöftet Medborgarlöfte Avslutstest 2024");
        assertThat(form.select("#closedOn").val()).as("the period's last day, as it is over").isEqualTo("2024-12-31");

        StaffSession.Answer notADate = admin.post(CLOSURE, StaffSession.fieldsOf(form, "form.staff-form",
                Map.of("closedOn", "31/12", "summary", "Alla åtaganden genomförda.")));
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.document().select(".has-error #closedOn-error").text())
                .isEqualTo("Ange dagen då löftet avslutades som ÅÅÅÅ-MM-DD.");
        assertThat(notADate.document().select("#summary").text()).as("input kept").isEqualTo("Alla åtaganden genomförda.");

        StaffSession.Answer beforeStart = admin.post(CLOSURE, StaffSession.fieldsOf(form, "form.staff-form",
                Map.of("closedOn", "2023-12-31", "summary", "Alla åtaganden genomförda.")));
        assertThat(beforeStart.status()).isEqualTo(400);
        assertThat(beforeStart.document().select(".has-error #closedOn-error").text())
                .isEqualTo("Avslutsdatum 2023-12-31 ligger före periodens början 2024-01-01.");
        assertThat(system.query.get("/api/promises/" + PROMISE).body()).contains("\"closed\":false");

        StaffSession.Answer closed = admin.post(CLOSURE, StaffSession.fieldsOf(form, "form.staff-form",
                Map.of("closedOn", "2024-12-31", "summary", "Alla åtaganden genomförda.")));
        assertThat(closed.status()).isEqualTo(302);
        assertThat(closed.location()).endsWith("/personal/loften/" + PROMISE + "/rapport");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                system.query.get("/api/promises/" + PROMISE).body().contains("\"closed\":true"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                system.web.get("/loften/" + PROMISE).body().contains("Alla åtaganden genomförda."));

        Document again = admin.get(CLOSURE).document();
        assertThat(again.select("main .lead").text()).isEqualTo("Medborgarlöftet är redan avslutat.");
        assertThat(again.select("form.staff-form")).isEmpty();
        assertThat(admin.get("/personal/").document().select("a[href$=" + PROMISE + "/avslut]")).isEmpty();
    }

    @Test
    void anEditorIsToldThatOnlyAnAdminClosesPromises() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        StaffSession.Answer page = polis.get("/personal/loften/gnosjo-2024/avslut");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.document().select("main .lead").text())
                .isEqualTo("Bara en administratör får avsluta medborgarlöften.");
        assertThat(page.document().select("form.staff-form")).isEmpty();
        assertThat(polis.get("/personal/").document().select("a[href$=/avslut]")).isEmpty();
    }
}

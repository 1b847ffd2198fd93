package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CSV import from the staff page: a dry run that writes nothing, then the import, then the same file again. */
class StaffImportTest {

    static final String PAGE = "/personal/loften/varnamo-2023/import";
    static final String CSV = "\uFEFFkind;occurredOn;place;performedBy;commitmentIds;outcomes.reportingActors;notes\n"
            + "EST_SITUATION_REPORT;2024-03-05;Värnamo;POLICE;varnamo-2023-est;4;Importerad\n"
            + "EST_SITUATION_REPORT;2024-03-05;Värnamo;POLICE;varnamo-2023-est;4;Importerad\n"
            + "EST_SITUATION_REPORT;2024-13-01;Värnamo;POLICE;varnamo-2023-est;;\n"
            + "INFORMATION_EFFORT;2024-03-06;Värnamo;MUNICIPALITY;varnamo-2023-information;;\n"
            + "EST_SITUATION_REPORT;2023-03-05;Värnamo;POLICE;varnamo-2023-est;;\n";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void aDryRunTellsEachRowsResultAndWritesNothingThenTheImportRecordsTheValidRowsOnlyOnce() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        int before = estDone();
        Document dry = dryRun(polis);
        assertThat(dry.select("p.lead").text()).isEqualTo("5 rader: 2 kan sparas, 0 finns redan, 3 har fel.");
        List<String> rows = dry.select("table.report tbody tr").eachText();
        assertThat(rows.get(0)).startsWith("1 Ok").contains("Likadan som rad 2");
        assertThat(rows.get(1)).startsWith("2 Ok").contains("Likadan som rad 1");
        assertThat(rows.get(2)).startsWith("3 Fel occurredOn: ange ett datum som finns, skrivet ÅÅÅÅ-MM-DD");
        assertThat(rows.get(3)).startsWith("4 Fel performedBy:").contains("får bara arbeta för sin egen sida");
        assertThat(rows.get(4)).startsWith("5 Fel occurredOn:").contains("utanför medborgarlöftets period");
        assertThat(estDone()).as("the dry run wrote nothing").isEqualTo(before);

        Document imported = confirm(polis, dry);
        assertThat(imported.select("p.receipt").text())
                .isEqualTo("2 aktiviteter sparades, 0 fanns redan, 3 rader hade fel och sparades inte.");
        await().atMost(Duration.ofSeconds(10)).until(() -> estDone() == before + 2);

        Document again = dryRun(polis);
        assertThat(again.select("p.lead").text()).as("the same file again would add nothing")
                .isEqualTo("5 rader: 0 kan sparas, 2 finns redan, 3 har fel.");
        assertThat(again.select("form:has(input[name=digest])")).as("nothing to import").isEmpty();
        assertThat(estDone()).isEqualTo(before + 2);
    }

    @Test
    void aFileThatIsNotACsvOfActivitiesIsToldInSwedish() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        Document form = polis.get(PAGE).document();
        StaffSession.Answer answer = polis.postFile(PAGE, StaffSession.csrf(form), "fil", "fel.csv",
                "namn;datum\nx;y\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.document().select(".error-summary").text()).startsWith("Okänd kolumn \"namn\"");
    }

    /** Värnamo's EST commitment's done figure, from the query side's public progress. */
    static int estDone() {
        String body = TestSystem.get().query.get("/api/promises/varnamo-2023/progress").body();
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("\"done\":(\\d+)")
                .matcher(body.substring(body.indexOf("\"commitmentId\":\"varnamo-2023-est\"")));
        assertThat(done.find()).isTrue();
        return Integer.parseInt(done.group(1));
    }

    private static Document dryRun(StaffSession session) {
        Document form = session.get(PAGE).document();
        StaffSession.Answer answer = session.postFile(PAGE, StaffSession.csrf(form), "fil", "aktiviteter.csv",
                CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.document();
    }

    private static Document confirm(StaffSession session, Document dryRun) {
        StaffSession.Answer answer = session.post(PAGE + "/bekrafta", StaffSession.fieldsOf(dryRun,
                "form:has(input[name=digest])", java.util.Map.of()));
        assertThat(answer.status()).isEqualTo(200);
        return answer.document();
    }
}

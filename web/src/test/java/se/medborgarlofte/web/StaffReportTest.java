package se.medborgarlofte.web;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The BRÅ report: the printable page, the PDF and the Excel file carry the query side's figures. */
class StaffReportTest {

    /** A commitment with a target (the monthly lägesbild is a duty with no number to reach). */
    static final String EST = "Informationsinsatser mot bedrägerier";
    static final String REPORT = "/personal/loften/gnosjo-2024/rapport";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void theReportPageShowsEachCommitmentsDoneTargetStatusAndForecastAsTheQuerySideHasThem() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        StaffSession.Answer answer = polis.get(REPORT + "?asOf=2024-06-30&sedan=2020-01-01");
        assertThat(answer.status()).isEqualTo(200);
        Document page = answer.document();
        assertThat(page.select("h1").text()).isEqualTo("Uppföljning till lokala BRÅ Medborgarlöfte Gnosjö 2024");
        assertThat(page.select("p.lead").text()).startsWith("Läget den 30 juni 2024");
        Element est = page.select("table.report tr:has(th:contains(" + EST + "))").first();
        assertThat(est.select("td").eachText()).containsExactly("Tillsammans", estDone() + " av 6", estStatus(),
                String.valueOf(estForecast()));
        assertThat(page.select("h2:contains(Ändringar sedan 1 januari 2020) + ul li"))
                .as(() -> "every change since then: " + page.select("main").html()).isNotEmpty();
        assertThat(page.select("link[href*=/css/staff]")).isNotEmpty();
        assertThat(page.select("a[href*=rapport.pdf]").attr("href")).contains("asOf=2024-06-30");
        assertThat(polis.get(REPORT + "?asOf=fel").status()).isEqualTo(400);
    }

    @Test
    void theReportListsTheAssessmentsMadeByItsDateAndNoLaterOnes() {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        // the demo promise's assessments were made on 14 June 2024
        Document after = polis.get(REPORT + "?asOf=2024-06-30").document();
        assertThat(after.select("h2:contains(Bedömningar) + p").text()).isEmpty();
        assertThat(after.select("h2:contains(Bedömningar) + ul li").eachText())
                .isNotEmpty().allSatisfy(item -> assertThat(item).contains("14 juni 2024"));

        Document before = polis.get(REPORT + "?asOf=2024-06-13").document();
        assertThat(before.select("h2:contains(Bedömningar) + ul li")).isEmpty();
        assertThat(before.select("h2:contains(Bedömningar) + p").text()).isEqualTo("Inga bedömningar ännu.");
    }

    @Test
    void thePdfAndTheExcelFileCarryTheSameFigures() throws Exception {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        byte[] pdf = download(polis, REPORT + ".pdf?asOf=2024-06-30", "application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Uppföljning till lokala BRÅ", "Medborgarlöfte Gnosjö 2024",
                    "Läget den 30 juni 2024", EST, estDone() + " av 6", "Öppna frågor");
            assertThat(document.getPage(0).getMediaBox().getWidth()).as("A4").isBetween(594f, 596f);
        }

        byte[] xlsx = download(polis, REPORT + ".xlsx?asOf=2024-06-30",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Åtaganden");
            List<Row> rows;
            try (Stream<Row> stream = sheet.openStream()) {
                rows = stream.toList();
            }
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Medborgarlöfte Gnosjö 2024 – Läget den 30 juni 2024");
            Row est = rows.stream().filter(r -> EST.equals(r.getCellText(0))).findFirst().orElseThrow();
            assertThat(est.getCellAsNumber(2)).hasValueSatisfying(done -> assertThat(done.intValue()).isEqualTo(estDone()));
            assertThat(est.getCellAsNumber(3)).hasValueSatisfying(target -> assertThat(target.intValue()).isEqualTo(6));
            assertThat(est.getCellText(4)).isEqualTo(estStatus());
            assertThat(workbook.getSheets().map(Sheet::getName).toList())
                    .containsExactly("Åtaganden", "Ändringar", "Bedömningar");
        }
    }

    @Test
    void theReportNeedsSignIn() {
        StaffSession.Answer answer = new StaffSession(system.webPort).get(REPORT + ".pdf");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/logga-in");
    }

    static byte[] download(StaffSession session, String path, String type) throws Exception {
        StaffSession.Answer page = session.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type")).hasValue(type);
        assertThat(page.response().headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        return session.getBytes(path);
    }

    private static String estField(String field) {
        String body = TestSystem.get().query.get("/api/promises/gnosjo-2024/progress?asOf=2024-06-30").body();
        String rest = body.substring(body.indexOf("\"commitmentId\":\"gnosjo-2024-fraud-information\""));
        Matcher matcher = Pattern.compile("\"" + field + "\":\"?([^,\"]+)").matcher(rest);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static int estDone() {
        return Integer.parseInt(estField("done"));
    }

    static String estStatus() {
        return estField("statusLabel");
    }

    static int estForecast() {
        return Integer.parseInt(estField("forecast"));
    }
}

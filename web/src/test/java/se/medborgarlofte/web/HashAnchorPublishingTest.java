package se.medborgarlofte.web;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day's anchor of the hash chain leaves our database: it is an entry of every promise's public Atom feed and a
 * section of the BRÅ report (page and PDF), so that subscribers and the BRÅ keep a copy.
 */
class HashAnchorPublishingTest {

    static TestSystem system;
    static JsonNode anchor;

    @BeforeAll
    static void computeTodaysAnchor() {
        system = TestSystem.get();
        WebClient.Page computed = new WebClient(system.queryPort, TestSystem.ADMIN, TestSystem.ADMIN_PASSWORD)
                .post("/api/operations/anchors", "");
        assertThat(computed.status()).as(computed.body()).isEqualTo(200);
        anchor = JsonMapper.builder().build().readTree(computed.body());
        assertThat(anchor.get("anchor").asString()).hasSize(64);
        assertThat(anchor.get("promises").asInt()).as("the seed promises").isGreaterThanOrEqualTo(5);
    }

    @Test
    void theFeedCarriesTheDaysAnchorAsAnEntry() {
        WebClient.Page feed = system.web.get("/loften/gnosjo-2024/flode.atom");
        assertThat(feed.status()).isEqualTo(200);
        Document xml = Jsoup.parse(feed.body(), "", Parser.xmlParser());
        var entry = xml.select("entry:has(id:containsOwn(urn:medborgarlofte:ankare:" + anchor.get("day").asString()
                                + "))");
        assertThat(entry).hasSize(1);
        assertThat(entry.select("title").text()).startsWith("Kontrollsumma för historiken");
        assertThat(entry.select("content").text()).contains(anchor.get("anchor").asString())
                .contains(anchor.get("promises").asInt() + " medborgarlöften");
    }

    @Test
    void theBraReportCarriesTheDaysAnchorOnThePageAndInThePdf() throws Exception {
        StaffSession polis = StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD);
        Document page = polis.get(StaffReportTest.REPORT).document();
        assertThat(page.select("h2:containsOwn(Kontrollsumma för historiken) + p.anchor").text())
                .startsWith("Ankare för ").contains(anchor.get("anchor").asString());
        byte[] pdf = StaffReportTest.download(polis, StaffReportTest.REPORT + ".pdf", "application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains(anchor.get("anchor").asString());
        }
    }
}

package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reader sees on the list and promise pages, read from the rendered HTML as the web serves it. */
class PublicPagesTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void theListShowsEverySeedPromiseInSwedishWithABarAndHowItIsGoing() {
        Document page = system.web.get("/").document();
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("sv");
        assertThat(page.select("h1").text()).isEqualTo("Medborgarlöften");
        List<Element> cards = page.select(".card");
        assertThat(cards).hasSizeGreaterThanOrEqualTo(5);
        assertThat(page.select(".card h2 a").eachText()).contains("Medborgarlöfte Gnosjö 2024",
                "Medborgarlöfte Grästorp 2021", "Medborgarlöfte Gislaved 2023", "Medborgarlöfte Värnamo 2023");
        Element gnosjo = card(page, "Medborgarlöfte Gnosjö 2024");
        assertThat(gnosjo.select(".facts").text()).contains("1 januari 2024 – 31 december 2024", "Gnosjö",
                "Lokalpolisområde Värnamo");
        assertThat(gnosjo.select("svg.bar")).as("a bar for the commitments with a target").hasSize(1);
        assertThat(gnosjo.select(".bar-text").text()).as("the monthly lägesbild is a duty, not a number to reach")
                .matches("\\d+ av 6 utlovade insatser gjorda");
        assertThat(gnosjo.select(".status").text()).isIn("Enligt plan", "Efter plan", "Uppnått", "Ej påbörjat");
        assertThat(gnosjo.select(".counts").text()).startsWith("5 åtaganden: ");
        assertThat(page.text()).doesNotContain("BEHIND", "ON_TRACK", "ACHIEVED", "NOT_STARTED", "JOINT", "POLICE");
    }

    @Test
    void theListFiltersByMunicipalityAndYear() {
        Document gnosjo = system.web.get("/?kommun=Gnosj%C3%B6").document();
        assertThat(gnosjo.select(".card h2").eachText()).containsExactly("Medborgarlöfte Gnosjö 2024");
        assertThat(gnosjo.select("#kommun option[selected]").text()).isEqualTo("Gnosjö");
        Document year2021 = system.web.get("/?ar=2021").document();
        assertThat(year2021.select(".card h2").eachText()).containsExactly("Medborgarlöfte Grästorp 2021");
        Document none = system.web.get("/?kommun=Ingenstans").document();
        assertThat(none.select(".card")).isEmpty();
        assertThat(none.text()).contains("Det finns inga medborgarlöften som passar ditt val.");
    }

    @Test
    void aPromisePageShowsThePromiseAsSignedAndEachCommitment() {
        WebClient.Page response = system.web.get("/loften/gnosjo-2024");
        assertThat(response.status()).isEqualTo(200);
        Document page = response.document();
        assertThat(page.select("h1").text()).isEqualTo("Medborgarlöfte Gnosjö 2024");
        assertThat(page.select("#loftet").first().parent().text()).contains("Polisen och Gnosjö kommun samverkar",
                "Kommunstyrelsens ordförande", "Lokalpolisområdeschef", "Bedrägerier mot äldre",
                "Trygghetsmätningar", "Så följs löftet upp");
        assertThat(page.select(".meta").text()).containsPattern("Senast uppdaterad: \\d{1,2} \\p{L}+ \\d{4}");
        List<Element> commitments = page.select("article.commitment");
        assertThat(commitments).hasSize(5);
        Element est = page.getElementById("atagande-gnosjo-2024-est");
        assertThat(est.select("h4").eachText()).contains("Vi lovade", "Så här går det", "Senaste aktiviteterna");
        assertThat(est.select(".facts").text()).contains("Vem Tillsammans", "Återkommande, minst 1 varje månad",
                "Det här räknas EST-lägesbild");
        assertThat(est.select(".pace").text()).matches("Ska göras varje månad, minst 1 gång\\(er\\): \\d+ av \\d+ perioder "
                + "hittills uppfyllda\\..*");
        assertThat(est.select(".activities li").first().text()).contains("Exempel", "EST-lägesbild", "2024",
                "Utfört av: Tillsammans");
        Element recruitment = page.getElementById("atagande-gnosjo-2024-recruitment");
        assertThat(recruitment.text()).contains("Åtagandet har inget mål i antal", "Senaste bedömning 14 juni 2024:",
                "Efter plan", "Vem Polisen");
        assertThat(page.select(".notice-example").text()).contains("påhittade exempel");
        assertThat(page.text()).doesNotContain("EST_SITUATION_REPORT", "BEHIND", "JOINT");
    }

    @Test
    void theMonthlyChartHasATextAlternativeAndTheSameFiguresInATable() {
        Document page = system.web.get("/loften/gnosjo-2024?asOf=2024-12-31").document();
        Element est = page.getElementById("atagande-gnosjo-2024-fraud-information");
        Element chart = est.selectFirst("svg.chart");
        assertThat(chart.attr("role")).isEqualTo("img");
        assertThat(chart.attr("aria-label")).contains("Totalt gjorda per månad jämfört med planen",
                "Samma siffror finns i tabellen");
        assertThat(chart.select(".columns rect")).hasSize(12);
        List<Element> rows = est.select("table tbody tr");
        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).select("th").text()).isEqualTo("Januari 2024");
        assertThat(rows.get(11).select("th").text()).isEqualTo("December 2024");
        int total = Integer.parseInt(rows.get(11).select("td").get(1).text());
        assertThat(est.select(".bar-text").text()).isEqualTo(total + " av 6 gjorda");
        assertThat(rows.get(11).select("td").get(2).text()).as("expected by the end").isEqualTo("6");
        int sum = rows.stream().mapToInt(row -> Integer.parseInt(row.select("td").get(0).text())).sum();
        assertThat(sum).isEqualTo(total);
    }

    @Test
    void asOfShowsThePageAsOfThatDay() {
        Document early = system.web.get("/loften/gnosjo-2024?asOf=2024-01-31").document();
        assertThat(early.select(".notice").text()).contains("Så här såg det ut den 31 januari 2024", "Visa läget i dag");
        Element est = early.getElementById("atagande-gnosjo-2024-est");
        assertThat(est.select("table tbody tr").get(1).select("td").get(0).text()).as("February is not yet")
                .isEqualTo("–");
        assertThat(early.select("#asOf").attr("value")).isEqualTo("2024-01-31");
    }

    @Test
    void wrongAddressesGetAClearSwedishPageAndNoServerError() {
        WebClient.Page badDate = system.web.get("/loften/gnosjo-2024?asOf=igår");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.document().select("h1").text()).isEqualTo("Adressen innehåller ett fel");
        assertThat(badDate.document().text()).contains("ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-06-30");

        WebClient.Page unknown = system.web.get("/loften/finns-inte-2024");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.document().select("h1").text()).isEqualTo("Sidan finns inte");

        WebClient.Page strange = system.web.get("/loften/%3Cscript%3E");
        assertThat(strange.status()).isEqualTo(404);
        assertThat(strange.body()).doesNotContain("<script>");

        WebClient.Page badYear = system.web.get("/?ar=tjugo");
        assertThat(badYear.status()).isEqualTo(400);
        assertThat(badYear.document().text()).contains("Året i adressen (ar) ska vara ett årtal");

        WebClient.Page nowhere = system.web.get("/finns/inte");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.document().select("html").attr("lang")).isEqualTo("sv");
        assertThat(nowhere.body()).doesNotContainIgnoringCase("exception").doesNotContain("Whitelabel");
    }

    static Element card(Document page, String title) {
        return page.select(".card").stream().filter(card -> card.select("h2").text().equals(title)).findFirst()
                .orElseThrow();
    }
}

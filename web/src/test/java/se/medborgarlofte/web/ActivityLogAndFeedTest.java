package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public activity log, page by page and filtered, and the Atom feed, on a promise the test fills itself. */
class ActivityLogAndFeedTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
        TestPromise.ensure(system);
    }

    @Test
    void theLogShows25ActivitiesAPageNewestFirstWithSwedishKinds() {
        Document first = system.web.get("/loften/testby-2025/aktiviteter").document();
        assertThat(first.select("h1").text()).isEqualTo("Alla aktiviteter Medborgarlöfte Testby 2025");
        assertThat(first.select("ol.log > li")).hasSize(25);
        assertThat(first.select(".count").text()).isEqualTo("Visar 1–25 av 30 aktiviteter.");
        assertThat(first.select(".pagination").text()).contains("Sida 1 av 2", "Nästa sida").doesNotContain("Föregående");
        assertThat(first.select("ol.log > li strong").eachText()).containsOnly("Trafikkontroll", "Trygghetsvandring");
        assertThat(first.select("ol.log > li").first().text()).contains("december 2025", "Utfört av");
        String next = first.select(".pagination a[rel=next]").attr("href");
        Document second = system.web.get(next).document();
        assertThat(second.select("ol.log > li")).hasSize(5);
        assertThat(second.select(".count").text()).isEqualTo("Visar 26–30 av 30 aktiviteter.");
        assertThat(second.select(".pagination a[rel=prev]")).hasSize(1);
        WebClient.Page beyond = system.web.get("/loften/testby-2025/aktiviteter?sida=3");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.document().text()).contains("Aktiviteterna ryms på 2 sidor.");
    }

    @Test
    void theLogFiltersByKindCommitmentAndMonth() {
        Document walks = system.web.get("/loften/testby-2025/aktiviteter?typ=SAFETY_WALK").document();
        assertThat(walks.select("ol.log > li")).hasSize(8);
        assertThat(walks.select("#typ option[selected]").text()).isEqualTo("Trygghetsvandring");
        Document traffic = system.web.get("/loften/testby-2025/aktiviteter?atagande=testby-2025-traffic").document();
        assertThat(traffic.select("ol.log > li")).hasSize(22);
        assertThat(traffic.select("ol.log > li dd").eachText()).contains("Trafikkontroller vid skolorna");
        Document march = system.web.get("/loften/testby-2025/aktiviteter?manad=2025-03").document();
        assertThat(march.select("ol.log > li")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.text()).contains("mars 2025"));
        assertThat(march.select("#manad option[selected]").text()).isEqualTo("Mars 2025");
        Document none = system.web.get("/loften/testby-2025/aktiviteter?manad=2025-03&typ=SCHOOL_VISIT").document();
        assertThat(none.select(".count").text()).isEqualTo("Inga aktiviteter passar ditt val.");
        assertThat(system.web.get("/loften/testby-2025/aktiviteter?typ=NOPE").status()).isEqualTo(400);
        assertThat(system.web.get("/loften/testby-2025/aktiviteter?atagande=annat").status()).isEqualTo(400);
        assertThat(system.web.get("/loften/testby-2025/aktiviteter?manad=mars").status()).isEqualTo(400);
    }

    @Test
    void theAtomFeedIsAtomWithTheRequiredElementsAndNewestEntriesFirst() throws Exception {
        WebClient.Page feed = system.web.get("/loften/testby-2025/flode.atom");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(children(root, required)).as(required).hasSize(1);
        }
        assertThat(text(root, "title")).isEqualTo("Medborgarlöfte Testby 2025: aktiviteter och bedömningar");
        Instant.parse(text(root, "updated"));
        List<Element> links = children(root, "link");
        assertThat(links).anySatisfy(link -> {
            assertThat(link.getAttribute("rel")).isEqualTo("self");
            assertThat(link.getAttribute("href")).isEqualTo(system.web.url("/loften/testby-2025/flode.atom"));
        });
        List<Element> entries = children(root, "entry").stream()
                .filter(entry -> !text(entry, "id").contains(":ankare:")).toList(); // the anchor: HashAnchorPublishingTest
        assertThat(entries).hasSize(TestPromise.ACTIVITIES);
        List<Instant> updated = new ArrayList<>();
        for (Element entry : entries) {
            for (String required : List.of("id", "title", "updated")) {
                assertThat(children(entry, required)).as("entry " + required).hasSize(1);
            }
            assertThat(children(entry, "link").get(0).getAttribute("href")).startsWith("http://localhost:");
            updated.add(Instant.parse(text(entry, "updated")));
        }
        assertThat(updated).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(text(entries.get(0), "title")).matches("(Trafikkontroll|Trygghetsvandring) \\d{1,2} \\p{L}+ 2025, Plats \\d+");
        assertThat(feed.body()).doesNotContain("Hemlig Deltagare", "Intern anteckning", TestSystem.ADMIN,
                "Webb Administratör");
    }

    @Test
    void noPublicPageOfThePromiseShowsNotesParticipantsOrWhoRecorded() {
        for (String path : List.of("/", "/loften/testby-2025", "/loften/testby-2025/aktiviteter",
                "/loften/testby-2025/aktiviteter?sida=2", "/loften/testby-2025/widget", "/loften/testby-2025/flode.atom")) {
            WebClient.Page page = system.web.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("Testby")
                    .doesNotContain("Hemlig Deltagare", "Intern anteckning", TestSystem.ADMIN, "Webb Administratör");
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ATOM.equals(element.getNamespaceURI())
                && name.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}

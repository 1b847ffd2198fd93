package se.medborgarlofte.web;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Light, private and cacheable: sizes with compression, nothing from other hosts, framing, ETags. */
class HeadersAndCachingTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void aPromisePageWithEverythingItLoadsIsAtMost100KilobytesCompressed() {
        WebClient.Page page = system.web.get("/loften/grastorp-2021", "Accept-Encoding", "gzip");
        assertThat(page.header("Content-Encoding")).isEqualTo("gzip");
        Document html = page.document();
        long total = page.raw().length;
        assertThat(html.select("img, script, iframe, object, video, audio")).as("nothing else to load").isEmpty();
        List<String> loaded = html.select("link[rel=stylesheet], link[rel=icon]").eachAttr("href");
        assertThat(loaded).hasSize(2);
        for (String resource : loaded) {
            WebClient.Page asset = system.web.get(resource, "Accept-Encoding", "gzip");
            assertThat(asset.status()).as(resource).isEqualTo(200);
            total += asset.raw().length;
        }
        assertThat(total).isLessThanOrEqualTo(100 * 1024);
    }

    @Test
    void nothingIsLoadedFromAnotherHost() {
        for (String path : List.of("/", "/loften/gnosjo-2024", "/loften/gnosjo-2024/aktiviteter",
                "/loften/gnosjo-2024/widget")) {
            WebClient.Page page = system.web.get(path);
            Document html = page.document();
            assertThat(html.select("[src], link[href], form[action]").stream()
                    .map(element -> element.hasAttr("src") ? element.attr("src")
                            : element.hasAttr("href") ? element.attr("href") : element.attr("action")))
                    .as(path).allSatisfy(url -> assertThat(url).startsWith("/"));
            assertThat(page.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'none'", "style-src 'self'", "img-src 'self'");
        }
    }

    @Test
    void onlyTheWidgetMayBeFramedAndOnlyByTheConfiguredOrigins() {
        WebClient.Page widget = system.web.get("/loften/gnosjo-2024/widget");
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.header("Content-Security-Policy")).endsWith("frame-ancestors " + TestSystem.WIDGET_ORIGIN);
        assertThat(widget.header("X-Frame-Options")).isNull();
        assertThat(widget.document().select("a[target=_top]").attr("href")).isEqualTo("/loften/gnosjo-2024");
        assertThat(widget.document().select("h2")).hasSize(5);
        for (String path : List.of("/", "/loften/gnosjo-2024", "/loften/gnosjo-2024/aktiviteter",
                "/loften/gnosjo-2024/flode.atom", "/loften/finns-inte")) {
            WebClient.Page page = system.web.get(path);
            assertThat(page.header("Content-Security-Policy")).as(path).endsWith("frame-ancestors 'none'");
            assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
    }

    @Test
    void aRepeatVisitGetsNotModifiedUntilTheDateAskedForChanges() {
        for (String path : List.of("/", "/loften/gnosjo-2024", "/loften/gnosjo-2024/aktiviteter",
                "/loften/gnosjo-2024/widget", "/loften/gnosjo-2024/flode.atom")) {
            WebClient.Page first = system.web.get(path);
            String etag = first.header("ETag");
            assertThat(etag).as(path).isNotBlank();
            WebClient.Page again = system.web.get(path, "If-None-Match", etag);
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        String today = system.web.get("/loften/gnosjo-2024").header("ETag");
        WebClient.Page asOf = system.web.get("/loften/gnosjo-2024?asOf=2024-03-31", "If-None-Match", today);
        assertThat(asOf.status()).isEqualTo(200);
        assertThat(asOf.header("ETag")).isNotEqualTo(today);
    }
}

package se.medborgarlofte.web.feed;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.medborgarlofte.web.api.QueryClient;
import se.medborgarlofte.web.api.QueryClient.ActivityQuery;
import se.medborgarlofte.web.api.QueryViews.Anchor;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.page.PageCache;

import java.util.Optional;

/**
 * {@code /loften/{id}/flode.atom}: new activities and assessed commitments of a promise, public fields only, and the
 * newest daily anchor of the hash chain (so that subscribers keep a copy of it outside our database).
 */
@RestController
class AtomFeedController {

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final QueryClient query;
    private final AtomFeeds feeds;
    private final PageCache cache;

    AtomFeedController(QueryClient query, AtomFeeds feeds, PageCache cache) {
        this.query = query;
        this.feeds = feeds;
        this.cache = cache;
    }

    @GetMapping("/loften/{promiseId}/flode.atom")
    ResponseEntity<String> feed(@PathVariable String promiseId, WebRequest request) {
        Promise promise = query.promise(promiseId);
        Progress progress = query.progress(promiseId, null);
        Optional<Anchor> anchor = query.latestAnchor();
        String anchorDay = anchor.map(a -> a.day().toString()).orElse("-");
        if (request.checkNotModified(cache.etag("atom|" + promiseId + "|" + anchorDay, progress.lastEventSequence(),
                null))) {
            return null;
        }
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        String xml = feeds.feed(base, promise, progress, query.activities(promiseId, ActivityQuery.all()), anchor);
        return ResponseEntity.ok().contentType(ATOM).body(xml);
    }
}

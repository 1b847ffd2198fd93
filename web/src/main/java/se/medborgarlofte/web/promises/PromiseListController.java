package se.medborgarlofte.web.promises;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import se.medborgarlofte.web.api.QueryClient;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.PromiseSummary;
import se.medborgarlofte.web.page.PageCache;
import se.medborgarlofte.web.page.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The front page: every promise, current ones first, filtered by municipality ({@code kommun}) and year ({@code ar}). */
@Controller
class PromiseListController {

    private final QueryClient query;
    private final PromiseListPages pages;
    private final PageCache cache;

    PromiseListController(QueryClient query, PromiseListPages pages, PageCache cache) {
        this.query = query;
        this.pages = pages;
        this.cache = cache;
    }

    @GetMapping("/")
    String list(@RequestParam(required = false) String kommun, @RequestParam(name = "ar", required = false) String year,
                WebRequest request, Model model) {
        String municipality = Parameters.text("kommun", kommun, 100);
        Integer chosenYear = Parameters.year("ar", year);
        Map<PromiseSummary, Progress> promises = new LinkedHashMap<>();
        for (PromiseSummary promise : query.promises()) {
            promises.put(promise, query.progress(promise.promiseId(), null));
        }
        String lastEvents = promises.values().stream()
                .map(progress -> progress.promiseId() + ":" + progress.lastEventSequence())
                .collect(Collectors.joining(","));
        if (request.checkNotModified(cache.etag("list|" + municipality + "|" + chosenYear, lastEvents, null))) {
            return null;
        }
        model.addAttribute("page", pages.page(promises, municipality, chosenYear));
        return "list";
    }
}

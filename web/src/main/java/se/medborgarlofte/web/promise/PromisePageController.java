package se.medborgarlofte.web.promise;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import se.medborgarlofte.web.api.QueryClient;
import se.medborgarlofte.web.api.QueryClient.ActivityQuery;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.page.PageCache;
import se.medborgarlofte.web.page.Parameters;

import java.time.LocalDate;

/** A promise as signed and how it is going ({@code /loften/{id}}), and the same in small for an iframe (widget). */
@Controller
class PromisePageController {

    private final QueryClient query;
    private final PromisePages pages;
    private final PageCache cache;

    PromisePageController(QueryClient query, PromisePages pages, PageCache cache) {
        this.query = query;
        this.pages = pages;
        this.cache = cache;
    }

    @GetMapping("/loften/{promiseId}")
    String promise(@PathVariable String promiseId, @RequestParam(required = false) String asOf, WebRequest request,
                   Model model) {
        return render("promise", promiseId, asOf, request, model);
    }

    @GetMapping("/loften/{promiseId}/widget")
    String widget(@PathVariable String promiseId, @RequestParam(required = false) String asOf, WebRequest request,
                  Model model) {
        return render("widget", promiseId, asOf, request, model);
    }

    private String render(String view, String promiseId, String asOf, WebRequest request, Model model) {
        LocalDate date = Parameters.date("asOf", asOf);
        Promise promise = query.promise(promiseId);
        Progress progress = query.progress(promiseId, date);
        if (request.checkNotModified(cache.etag(view + "|" + promiseId, progress.lastEventSequence(), date))) {
            return null;
        }
        var activities = query.activities(promiseId, new ActivityQuery(null, null, null, progress.asOf()));
        model.addAttribute("page", pages.page(promise, progress, activities, date));
        return view;
    }
}

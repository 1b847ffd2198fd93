package se.medborgarlofte.web.activities;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.web.activities.ActivityLogPage.Option;
import se.medborgarlofte.web.activities.ActivityLogPage.Row;
import se.medborgarlofte.web.api.QueryClient;
import se.medborgarlofte.web.api.QueryClient.ActivityQuery;
import se.medborgarlofte.web.api.QueryViews.Activity;
import se.medborgarlofte.web.api.QueryViews.Commitment;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.page.BadPageRequestException;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.PageCache;
import se.medborgarlofte.web.page.Parameters;
import se.medborgarlofte.web.page.SwedishFormat;

import java.text.Collator;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A promise's whole public log ({@code /loften/{id}/aktiviteter}), newest first, {@value #PAGE_SIZE} a page, filtered by
 * kind ({@code typ}), commitment ({@code atagande}) and month ({@code manad}); {@code sida} is the page.
 */
@Controller
class ActivityLogController {

    static final int PAGE_SIZE = 25;

    private final QueryClient query;
    private final PageCache cache;
    private final Messages messages;

    ActivityLogController(QueryClient query, PageCache cache, Messages messages) {
        this.query = query;
        this.cache = cache;
        this.messages = messages;
    }

    @GetMapping("/loften/{promiseId}/aktiviteter")
    String log(@PathVariable String promiseId, @RequestParam(required = false) String typ,
               @RequestParam(required = false) String atagande, @RequestParam(required = false) String manad,
               @RequestParam(required = false) String sida, WebRequest request, Model model) {
        ActivityKind kind = Parameters.code("typ", typ, ActivityKind.class);
        YearMonth month = Parameters.month("manad", manad);
        int page = Parameters.page("sida", sida);
        Promise promise = query.promise(promiseId);
        String commitmentId = Parameters.text("atagande", atagande, 200);
        Map<String, String> titles = promise.commitments().stream()
                .collect(Collectors.toMap(Commitment::commitmentId, Commitment::title, (a, b) -> a));
        if (commitmentId != null && !titles.containsKey(commitmentId)) {
            throw new BadPageRequestException(messages.get("activities.unknownCommitment"));
        }
        Progress progress = query.progress(promiseId, null);
        String key = "log|" + promiseId + "|" + kind + "|" + commitmentId + "|" + month + "|" + page;
        if (request.checkNotModified(cache.etag(key, progress.lastEventSequence(), null))) {
            return null;
        }
        List<Activity> activities = query.activities(promiseId, new ActivityQuery(kind == null ? null : kind.name(),
                commitmentId, month == null ? null : month.atDay(1), month == null ? null : month.atEndOfMonth()));
        int pages = Math.max(1, (activities.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page > pages) {
            throw new BadPageRequestException(messages.get("activities.noSuchPage", pages));
        }
        int from = (page - 1) * PAGE_SIZE;
        List<Activity> shown = activities.subList(from, Math.min(activities.size(), from + PAGE_SIZE));
        String url = "/loften/" + promiseId + "/aktiviteter";
        model.addAttribute("page", new ActivityLogPage("/loften/" + promiseId, promise.title(),
                SwedishFormat.period(promise.validFrom(), promise.validTo()), kinds(kind),
                commitments(promise, commitmentId), months(promise, month),
                kind != null || commitmentId != null || month != null, activities.size(),
                activities.isEmpty() ? messages.get("activities.none")
                        : messages.get("activities.showing", from + 1, from + shown.size(), activities.size()),
                shown.stream().map(a -> row(a, titles)).toList(),
                page > 1 ? pageUrl(url, kind, commitmentId, month, page - 1) : null,
                page < pages ? pageUrl(url, kind, commitmentId, month, page + 1) : null,
                messages.get("activities.page", page, pages), shown.stream().anyMatch(Activity::example),
                "/loften/" + promiseId + "/flode.atom"));
        return "activities";
    }

    private static Row row(Activity activity, Map<String, String> titles) {
        return new Row(SwedishFormat.date(activity.occurredOn()), activity.kindLabel(), activity.place(),
                activity.performedByLabel(), activity.commitmentIds() == null ? ""
                : activity.commitmentIds().stream().map(id -> titles.getOrDefault(id, id))
                        .collect(Collectors.joining("; ")), activity.example());
    }

    private static List<Option> kinds(ActivityKind selected) {
        Collator swedish = Collator.getInstance(SwedishFormat.SWEDISH);
        return Arrays.stream(ActivityKind.values())
                .map(kind -> new Option(kind.name(), CodeLabels.kind(kind), kind == selected))
                .sorted(Comparator.comparing(Option::label, swedish))
                .toList();
    }

    private static List<Option> commitments(Promise promise, String selected) {
        return promise.commitments().stream()
                .map(c -> new Option(c.commitmentId(), c.title(), c.commitmentId().equals(selected)))
                .toList();
    }

    private static List<Option> months(Promise promise, YearMonth selected) {
        List<Option> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(promise.validTo()); !month.isBefore(YearMonth.from(promise.validFrom()));
             month = month.minusMonths(1)) {
            months.add(new Option(month.toString(), SwedishFormat.capitalized(SwedishFormat.month(month)),
                    month.equals(selected)));
        }
        return months;
    }

    private static String pageUrl(String url, ActivityKind kind, String commitmentId, YearMonth month, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(url);
        if (kind != null) {
            uri.queryParam("typ", kind.name());
        }
        if (commitmentId != null) {
            uri.queryParam("atagande", commitmentId);
        }
        if (month != null) {
            uri.queryParam("manad", month);
        }
        return uri.queryParam("sida", page).encode().build().toUriString();
    }
}

package se.medborgarlofte.web.promises;

import org.springframework.stereotype.Component;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.PromiseSummary;
import se.medborgarlofte.web.page.ProgressWords;
import se.medborgarlofte.web.page.SwedishFormat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** Builds the front page's view model. */
@Component
class PromiseListPages {

    private final ProgressWords words;
    private final Clock clock;

    PromiseListPages(ProgressWords words, Clock clock) {
        this.words = words;
        this.clock = clock;
    }

    record Option(String value, String label, boolean selected) {
    }

    record Card(String url, String title, String period, String municipalities, String policeArea, boolean current,
                boolean closed, ProgressWords.Total progress) {
    }

    record Page(List<Card> cards, List<Option> municipalities, List<Option> years, String kommun, Integer year,
                boolean filtered, int total) {
    }

    Page page(Map<PromiseSummary, Progress> promises, String kommun, Integer year) {
        LocalDate today = LocalDate.now(clock);
        List<Card> cards = promises.entrySet().stream()
                .filter(entry -> kommun == null || entry.getKey().municipalities().stream()
                        .anyMatch(name -> name.equalsIgnoreCase(kommun)))
                .filter(entry -> year == null || (entry.getKey().validFrom().getYear() <= year
                                                  && entry.getKey().validTo().getYear() >= year))
                .sorted(Comparator.comparing((Map.Entry<PromiseSummary, Progress> entry) -> !current(entry.getKey(), today))
                        .thenComparing(entry -> entry.getKey().validFrom(), Comparator.reverseOrder())
                        .thenComparing(entry -> entry.getKey().title()))
                .map(entry -> card(entry.getKey(), entry.getValue(), today))
                .toList();
        TreeSet<String> names = new TreeSet<>(java.text.Collator.getInstance(SwedishFormat.SWEDISH));
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        for (PromiseSummary promise : promises.keySet()) {
            names.addAll(promise.municipalities());
            IntStream.rangeClosed(promise.validFrom().getYear(), promise.validTo().getYear()).forEach(years::add);
        }
        return new Page(cards,
                names.stream().map(name -> new Option(name, name, name.equalsIgnoreCase(Objects.toString(kommun, ""))))
                        .toList(),
                years.stream().map(y -> new Option(y.toString(), y.toString(), y.equals(year))).toList(),
                kommun, year, kommun != null || year != null, promises.size());
    }

    private Card card(PromiseSummary promise, Progress progress, LocalDate today) {
        return new Card("/loften/" + promise.promiseId(), promise.title(),
                SwedishFormat.period(promise.validFrom(), promise.validTo()),
                String.join(", ", promise.municipalities()), promise.policeArea(), current(promise, today),
                promise.closed(), words.total(progress.total()));
    }

    private static boolean current(PromiseSummary promise, LocalDate today) {
        return !promise.closed() && !today.isBefore(promise.validFrom()) && !today.isAfter(promise.validTo());
    }
}

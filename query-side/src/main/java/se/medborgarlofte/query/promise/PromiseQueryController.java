package se.medborgarlofte.query.promise;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.cache.AnswerCache;
import se.medborgarlofte.query.cache.ReadModelVersions;
import se.medborgarlofte.query.promise.PromiseViews.PromiseSummaryView;
import se.medborgarlofte.query.promise.PromiseViews.PromiseView;
import se.medborgarlofte.query.web.NotFoundException;

import java.util.List;

@RestController
@RequestMapping("/api/promises")
@Tag(name = "Medborgarlöften")
class PromiseQueryController {

    private final PromiseRepository promises;
    /** The public list, computed once per change of any promise. */
    private final AnswerCache<List<PromiseSummaryView>> lists;

    PromiseQueryController(PromiseRepository promises, ReadModelVersions versions) {
        this.promises = promises;
        this.lists = new AnswerCache<>(versions, 1);
    }

    @GetMapping
    @Operation(summary = "Alla medborgarlöften med sina åtaganden")
    List<PromiseSummaryView> list() {
        return lists.get(null, "all", () -> promises.findAll(Sort.by("validFrom").descending().and(Sort.by("title")))
                .stream().map(PromiseSummaryView::of).toList());
    }

    @GetMapping("/{promiseId}")
    @Operation(summary = "Ett medborgarlöfte med åtaganden och bedömningar",
            description = "renewedFrom: löftet för föregående period som detta förnyar; renewedAs: löftena som förnyar "
                    + "detta; carriedFrom per åtagande: åtagandet det fortsätter.")
    ResponseEntity<PromiseView> get(@PathVariable String promiseId) {
        List<String> renewedAs = promises.findByRenewedFrom(promiseId).stream().map(p -> p.promiseId).sorted().toList();
        PromiseView promise = promises.findById(promiseId).map(p -> PromiseView.of(p, renewedAs))
                .orElseThrow(() -> NotFoundException.promise(promiseId));
        return ResponseEntity.ok().eTag("\"" + promise.version() + "\"").body(promise);
    }
}

package se.medborgarlofte.query.activity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.query.web.NotFoundException;

import java.util.List;

@RestController
@RequestMapping("/api/promises/{promiseId}/activities")
@Tag(name = "Aktivitetslogg")
class ActivityLogController {

    private final ActivityLog log;
    private final PromiseRepository promises;

    ActivityLogController(ActivityLog log, PromiseRepository promises) {
        this.log = log;
        this.promises = promises;
    }

    @GetMapping
    @Operation(summary = "Aktiviteter i ett medborgarlöfte, senaste först (utan inloggning: utan anteckningar, "
            + "deltagare och vem som registrerade)",
            description = "Filter: kind, commitmentId, performedBy, from/to (datum då det hände), place (del av platsen), "
                    + "includeRetracted (även återkallade).")
    List<ActivityEntry> activities(@PathVariable String promiseId, @ParameterObject ActivityLog.Filter filter) {
        if (!promises.existsById(promiseId)) {
            throw NotFoundException.promise(promiseId);
        }
        boolean internal = CurrentUser.isAuthenticated();
        List<ActivityDocument> activities = internal ? log.find(promiseId, filter.checked())
                : log.findPublic(promiseId, filter.checked());
        return activities.stream()
                .map(a -> internal ? (ActivityEntry) ActivityView.of(a) : PublicActivityView.of(a))
                .toList();
    }
}

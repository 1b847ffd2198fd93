package se.medborgarlofte.query.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.eventstore.integrity.ChainVerifier;
import se.medborgarlofte.eventstore.integrity.HashAnchors;
import se.medborgarlofte.query.web.NotFoundException;

import java.util.List;

/** Whether a promise's stored history is intact, and the daily anchors that outsiders keep a copy of. */
@RestController
@Tag(name = "Spårbarhet")
class IntegrityController {

    private final ChainVerifier verifier;
    private final HashAnchors anchors;
    private final DailyAnchor daily;

    IntegrityController(ChainVerifier verifier, HashAnchors anchors, DailyAnchor daily) {
        this.verifier = verifier;
        this.anchors = anchors;
        this.daily = daily;
    }

    @GetMapping("/api/promises/{promiseId}/verify")
    @Operation(summary = "Kontrollera att löftets lagrade historik är obruten",
            description = "Räknar om varje händelses SHA-256-kontrollsumma från det lagrade och jämför kedjan. "
                          + "Svarar intact, eller den första händelsen som inte stämmer och varför.")
    VerificationView verify(@PathVariable String promiseId) {
        return verifier.verify(promiseId).map(VerificationView::of)
                .orElseThrow(() -> NotFoundException.promise(promiseId));
    }

    @GetMapping("/api/operations/anchors")
    @Operation(summary = "De senaste dagliga ankarna (nyast först, högst 30)",
            description = "Ett ankare är SHA-256 över alla löftens senaste kontrollsummor en dag. Det publiceras i "
                          + "flödena och BRÅ-rapporten, så att den som sparat det kan se om historiken skrivits om.")
    List<AnchorView> anchors() {
        return anchors.latest(30).stream().map(AnchorView::of).toList();
    }

    @PostMapping("/api/operations/anchors")
    @Operation(summary = "Beräkna dagens ankare nu (om det inte redan finns)")
    AnchorView anchorNow() {
        return AnchorView.of(daily.anchorToday());
    }
}

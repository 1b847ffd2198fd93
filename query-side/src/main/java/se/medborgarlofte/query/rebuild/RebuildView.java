package se.medborgarlofte.query.rebuild;

import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import se.medborgarlofte.query.generation.GenerationRegistry.Entry;

import java.time.Instant;
import java.util.Date;

/** A read model's generations and its latest rebuild, as the operations API shows them. */
@Schema(description = "En läsmodells aktiva generation och dess senaste återuppbyggnad")
public record RebuildView(
        @Schema(description = "läsmodellen (processing group)") String processingGroup,
        @Schema(description = "generationen som läses nu") int activeGeneration,
        @Schema(description = "generationen som byggs eller byggdes; null före första återuppbyggnaden") Integer generation,
        @Schema(description = "REBUILDING, SWAPPING, SWAPPED eller FAILED; null före första återuppbyggnaden") String state,
        @Schema(description = "repliken som bygger") String replica,
        Instant startedAt,
        @Schema(description = "när den nya generationen började läsas") Instant flippedAt,
        @Schema(description = "när bytet var klart") Instant swappedAt,
        @Schema(description = "när den misslyckades") Instant finishedAt,
        @Schema(description = "tillämpade händelser") long eventsApplied,
        @Schema(description = "position i händelseströmmen som allt upp till är tillämpat") long position,
        @Schema(description = "händelseströmmens topp vid senaste lägesrapporten") Long head,
        @Schema(description = "varför den misslyckades") String failure) {

    static RebuildView of(Entry entry) {
        Document rebuild = entry.rebuild();
        if (rebuild == null) {
            return new RebuildView(entry.group(), entry.active(), null, null, null, null, null, null, null, 0, -1,
                    null, null);
        }
        Number head = rebuild.get("head", Number.class);
        Number applied = rebuild.get("eventsApplied", Number.class);
        Number position = rebuild.get("position", Number.class);
        return new RebuildView(entry.group(), entry.active(), rebuild.getInteger("generation"),
                rebuild.getString("state"), rebuild.getString("replica"), instant(rebuild, "startedAt"),
                instant(rebuild, "flippedAt"), instant(rebuild, "swappedAt"), instant(rebuild, "finishedAt"),
                applied == null ? 0 : applied.longValue(), position == null ? -1 : position.longValue(),
                head == null ? null : head.longValue(), rebuild.getString("failure"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}

package se.medborgarlofte.query.position;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;

/**
 * How far the read models have come: {@code position} is the highest global sequence number up to which every read
 * model has processed every event (an open gap below counts as not processed). Compare it with the command side's
 * {@code X-Event-Position}. Known by the segments this instance processes; when another instance holds some of
 * them, the answer is {@code -1} (unknown).
 */
@RestController
@Tag(name = "Drift")
class ReadPositionController {

    private final EventProcessingConfiguration processing;

    ReadPositionController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The read models' position. */
    public record ReadPosition(long position) {
    }

    @GetMapping("/api/operations/read-position")
    @Operation(summary = "Hur långt läsmodellerna har kommit i händelseströmmen (jämför med kommandosidans X-Event-Position)")
    ReadPosition position() {
        long lowest = Long.MAX_VALUE;
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                lowest = Math.min(lowest, processedThrough(streaming.processingStatus().values()));
            }
        }
        return new ReadPosition(lowest == Long.MAX_VALUE ? -1 : lowest);
    }

    /** The lowest position over the segments, or -1 when not every segment is processed here. */
    static long processedThrough(Collection<EventTrackerStatus> segments) {
        double covered = 0;
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments) {
            covered += 1.0 / (status.getSegment().getMask() + 1);
            lowest = Math.min(lowest, processedThrough(status.getTrackingToken()));
        }
        return covered < 0.999 ? -1 : lowest;
    }

    static long processedThrough(TrackingToken token) {
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower == null) {
            return 0;
        }
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return lower.position().orElse(0);
    }

}

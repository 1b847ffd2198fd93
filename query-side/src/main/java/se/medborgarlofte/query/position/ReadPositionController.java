package se.medborgarlofte.query.position;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How far the read models have come: {@code position} is the highest global sequence number up to which every read
 * model has processed every event (an open gap below counts as not processed). Compare it with the command side's
 * {@code X-Event-Position}. The segments this replica processes count where it has processed them; the segments
 * other replicas hold count where their tokens are stored (a batch's token is stored when its read-model changes
 * are written; a segment with nothing to process stores its token at least every
 * {@code medborgarlofte.replicas.claim-extension}). So every replica gives the same answer, give or take that.
 */
@RestController
@Tag(name = "Drift")
class ReadPositionController {

    private final EventProcessingConfiguration processing;
    private final StoredTokens storedTokens;

    ReadPositionController(EventProcessingConfiguration processing, MongoTemplate axonMongoTemplate,
                           Serializer serializer) {
        this.processing = processing;
        this.storedTokens = new StoredTokens(axonMongoTemplate.trackingTokensCollection(), serializer);
    }

    /** The read models' position. */
    public record ReadPosition(long position) {
    }

    /** Where one segment of a processing group stands. */
    record SegmentPosition(Segment segment, TrackingToken token) {
    }

    @GetMapping("/api/operations/read-position")
    @Operation(summary = "Hur långt läsmodellerna har kommit i händelseströmmen (jämför med kommandosidans X-Event-Position)")
    ReadPosition position() {
        long lowest = Long.MAX_VALUE;
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                lowest = Math.min(lowest, processedThrough(positions(streaming)));
            }
        }
        return new ReadPosition(lowest == Long.MAX_VALUE ? -1 : lowest);
    }

    /** The segments held here as this replica processes them; when that is not all, the others as stored. */
    private List<SegmentPosition> positions(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        List<SegmentPosition> positions = new ArrayList<>();
        held.values().forEach(status -> positions.add(new SegmentPosition(status.getSegment(),
                status.getTrackingToken())));
        if (covered(positions) < 0.999) {
            Map<Integer, TrackingToken> stored = storedTokens.of(processor.getName());
            int[] ids = stored.keySet().stream().mapToInt(Integer::intValue).toArray();
            stored.forEach((id, token) -> {
                if (!held.containsKey(id)) {
                    positions.add(new SegmentPosition(Segment.computeSegment(id, ids), token));
                }
            });
        }
        return positions;
    }

    /** The lowest position over the segments, or -1 when they don't cover the whole stream. */
    static long processedThrough(Collection<SegmentPosition> segments) {
        long lowest = Long.MAX_VALUE;
        for (SegmentPosition position : segments) {
            lowest = Math.min(lowest, processedThrough(position.token()));
        }
        return segments.isEmpty() || covered(segments) < 0.999 ? -1 : lowest;
    }

    private static double covered(Collection<SegmentPosition> segments) {
        double covered = 0;
        for (SegmentPosition position : segments) {
            covered += 1.0 / (position.segment().getMask() + 1);
        }
        return covered;
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

package se.medborgarlofte.query.finding;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import se.medborgarlofte.query.timeline.FindingFold;

import java.time.Instant;

/**
 * Read model of one finding (id {@code promiseId/findingId}), folded like the promise's state at a moment.
 * {@code lastSequence} is the aggregate sequence number of the last event applied, so a redelivery is skipped.
 * Indexed by promise (created at start by {@code ReadModelIndexes}): a promise's findings are read together.
 */
@Document("#{@readModelCollections.name('findings')}")
public class FindingDocument {

    @Id
    public String id;
    @Indexed(name = "promise")
    public String promiseId;
    public FindingFold finding = new FindingFold();
    public Instant recordedAt;
    public Instant updatedAt;
    public long lastSequence = -1;

    static String id(String promiseId, String findingId) {
        return promiseId + "/" + findingId;
    }
}

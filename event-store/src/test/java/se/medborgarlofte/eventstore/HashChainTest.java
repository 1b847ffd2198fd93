package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.eventstore.integrity.ChainReport;
import se.medborgarlofte.eventstore.integrity.ChainReport.Problem;
import se.medborgarlofte.eventstore.integrity.ChainVerifier;
import se.medborgarlofte.eventstore.integrity.StoredHashes;

import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** Every appended event is chained to the one before it; a change made behind the engine's back is named. */
class HashChainTest extends EngineTestSupport {

    private final MongoCollection<Document> events = database.getCollection("events");
    private final ChainVerifier verifier = new ChainVerifier(events, new HashGenesis(events, database));

    private void appendFive() {
        engine.appendEvents(event("p1", 0), event("p1", 1));
        engine.appendEvents(event("p1", 2));
        engine.appendEvents(event("p2", 0));
        engine.appendEvents(event("p1", 3), event("p1", 4));
    }

    private ChainReport verify(String promise) {
        return verifier.verify(promise).orElseThrow();
    }

    @Test
    void appendedEventsFormAnIntactChainPerPromise() {
        appendFive();
        ChainReport report = verify("p1");
        assertThat(report.intact()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(5);
        Document first = events.find(eq("_id", "p1/0")).first();
        Document second = events.find(eq("_id", "p1/1")).first();
        Document head = events.find(eq("_id", "p1/4")).first();
        assertThat(first.get("previousHash")).isNull();
        assertThat(first.getString("hash")).hasSize(64).isEqualTo(EventHash.of(first, null));
        assertThat(second.getString("previousHash")).isEqualTo(first.getString("hash"));
        assertThat(report.headHash()).isEqualTo(head.getString("hash"));
        assertThat(verify("p2").eventsChecked()).isEqualTo(1);
        assertThat(verifier.verify("nobody")).isEmpty();
    }

    @Test
    void aChangedPayloadNamesThatEvent() {
        appendFive();
        String payload = events.find(eq("_id", "p1/2")).first().getString("payload");
        events.updateOne(eq("_id", "p1/2"), Updates.set("payload", payload.replace("skäl 2", "skäl X")));
        ChainReport report = verify("p1");
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(2);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(report.firstBreak().eventIdentifier())
                .isEqualTo(events.find(eq("_id", "p1/2")).first().getString("eventIdentifier"));
        assertThat(report.eventsChecked()).isEqualTo(2);
        assertThat(verify("p2").intact()).as("another promise's chain").isTrue();
    }

    @Test
    void aChangedMetadataOrTimestampNamesThatEvent() {
        appendFive();
        events.updateOne(eq("_id", "p1/3"), Updates.set("metaData", "{\"userId\":\"someone-else\"}"));
        assertThat(verify("p1").firstBreak().sequenceNumber()).isEqualTo(3);
        events.updateOne(eq("_id", "p1/1"), Updates.set("timestamp", new java.util.Date(0)));
        assertThat(verify("p1").firstBreak().sequenceNumber()).isEqualTo(1);
    }

    @Test
    void aChangedPreviousHashNamesThatEvent() {
        appendFive();
        events.updateOne(eq("_id", "p1/3"), Updates.set("previousHash", "0".repeat(64)));
        ChainReport report = verify("p1");
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(3);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aRecomputedHashOfAChangedEventIsNamedAtTheNextEvent() {
        appendFive();
        Document changed = events.find(eq("_id", "p1/1")).first();
        changed.put("payload", changed.getString("payload").replace("skäl 1", "skäl X"));
        events.updateOne(eq("_id", "p1/1"), Updates.combine(Updates.set("payload", changed.getString("payload")),
                Updates.set("hash", EventHash.of(changed, changed.getString("previousHash")))));
        ChainReport report = verify("p1");
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(2);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aDeletedEventInTheMiddleIsNamedAsMissing() {
        appendFive();
        events.deleteOne(eq("_id", "p1/2"));
        ChainReport report = verify("p1");
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(2);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.MISSING);
        assertThat(report.eventsChecked()).isEqualTo(2);
    }

    @Test
    void anEngineThatDidNotSeeThePreviousEventLooksItUpOnce() {
        engine.appendEvents(event("p1", 0), event("p1", 1));
        SequencedMongoEventStorageEngine other = engine(java.time.Duration.ofSeconds(60));
        other.appendEvents(event("p1", 2));
        engine.appendEvents(event("p1", 3));
        assertThat(verify("p1").intact()).isTrue();
        assertThat(verify("p1").eventsChecked()).isEqualTo(4);
    }

    @Test
    void theExportSeesEachEventsHashAndPreviousHash() {
        appendFive();
        var links = new StoredHashes(events, new HashGenesis(events, database)).of("p1");
        assertThat(links).hasSize(5);
        assertThat(links.get(4L).hash()).isEqualTo(verify("p1").headHash());
        assertThat(links.get(4L).previousHash()).isEqualTo(links.get(3L).hash());
        assertThat(links.get(0L).previousHash()).isNull();
    }

    @Test
    void tombstonesAreInNoChain() {
        appendFive();
        squat(99);
        assertThat(events.find(eq("_id", "tombstone/99")).first().get("hash")).isNull();
        assertThat(verify("p1").intact()).isTrue();
        assertThat(List.of(verify("p1").eventsChecked(), verify("p2").eventsChecked())).containsExactly(5, 1);
    }
}

package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.eventstore.integrity.ChainReport;
import se.medborgarlofte.eventstore.integrity.ChainReport.Problem;
import se.medborgarlofte.eventstore.integrity.ChainVerifier;
import se.medborgarlofte.eventstore.integrity.HashAnchors;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before the hash chain (by an engine with it off, as they were stored then) are covered by a genesis
 * entry when an engine with the chain starts; the first new event chains to it; a change to an old event is named.
 */
class HashGenesisTest extends EngineTestSupport {

    private final MongoCollection<Document> events = database.getCollection("events");
    private final HashGenesis genesis = new HashGenesis(events, database);
    private final ChainVerifier verifier = new ChainVerifier(events, genesis);

    private SequencedMongoEventStorageEngine withoutChain() {
        return SequencedMongoEventStorageEngine.builder().database(database)
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .hashChain(false).build();
    }

    /** The store as it was before the chain: old events, and no genesis collection (the base class's engine made one). */
    private void storeOldEvents() {
        database.getCollection(HashGenesis.COLLECTION).drop();
        SequencedMongoEventStorageEngine old = withoutChain();
        old.appendEvents(event("old", 0), event("old", 1), event("old", 2));
        old.appendEvents(event("other", 0));
        assertThat(events.find(eq("_id", "old/0")).first().get("hash")).as("stored the old way").isNull();
    }

    private ChainReport verify(String promise) {
        return verifier.verify(promise).orElseThrow();
    }

    @Test
    void anEngineWithTheChainCoversOldEventsOnStartAndChainsNewOnesToTheGenesis() {
        storeOldEvents();
        SequencedMongoEventStorageEngine started = engine(Duration.ofSeconds(60));
        HashGenesis.Genesis entry = genesis.find("old");
        assertThat(entry.sequenceNumbers()).containsExactly(0L, 1L, 2L);
        assertThat(genesis.find("other").sequenceNumbers()).containsExactly(0L);
        started.appendEvents(event("old", 3));
        assertThat(events.find(eq("_id", "old/3")).first().getString("previousHash")).isEqualTo(entry.hash());
        ChainReport report = verify("old");
        assertThat(report.intact()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(4);
        engine(Duration.ofSeconds(60));
        assertThat(genesis.find("old")).as("a second start changes nothing").isEqualTo(entry);
    }

    @Test
    void aChangedOldEventIsNamed() {
        storeOldEvents();
        engine(Duration.ofSeconds(60)).appendEvents(event("old", 3));
        String payload = events.find(eq("_id", "old/1")).first().getString("payload");
        events.updateOne(eq("_id", "old/1"), Updates.set("payload", payload.replace("skäl 1", "skäl X")));
        ChainReport report = verify("old");
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(1);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(verify("other").intact()).isTrue();
    }

    @Test
    void aDeletedOldEventIsNamedAsMissing() {
        storeOldEvents();
        engine(Duration.ofSeconds(60));
        events.deleteOne(eq("_id", "old/0"));
        ChainReport report = verify("old");
        assertThat(report.firstBreak().sequenceNumber()).isZero();
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.MISSING);
    }

    @Test
    void oldDocumentsAreCoveredAsTheyAreThatDayEvenDamagedByHand() {
        storeOldEvents();
        events.updateOne(eq("_id", "old/1"), Updates.set("sequenceNumber", 1.5));
        engine(Duration.ofSeconds(60));
        assertThat(genesis.find("old").sequenceNumbers()).as("its number read from its id").containsExactly(0L, 1L, 2L);
        assertThat(verify("old").intact()).isTrue();
        events.updateOne(eq("_id", "old/1"), Updates.set("sequenceNumber", 1L));
        ChainReport report = verify("old");
        assertThat(report.firstBreak().sequenceNumber()).as("a repair after the genesis is a change").isEqualTo(1);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.HASH_MISMATCH);
    }

    @Test
    void anAppendAfterOldEventsMakesTheGenesisWhenTheStartDidNot() {
        SequencedMongoEventStorageEngine running = engine(Duration.ofSeconds(60));
        storeOldEvents();
        running.appendEvents(event("old", 3));
        assertThat(genesis.find("old").sequenceNumbers()).containsExactly(0L, 1L, 2L);
        assertThat(verify("old").intact()).isTrue();
        assertThat(genesis.find("other")).as("made only where needed").isNull();
    }

    @Test
    void anEventStoredTheOldWayAfterTheChainBeganIsNamed() {
        engine.appendEvents(event("p", 0), event("p", 1));
        withoutChain().appendEvents(event("p", 2));
        ChainReport report = verify("p");
        assertThat(report.firstBreak().sequenceNumber()).isEqualTo(2);
        assertThat(report.firstBreak().problem()).isEqualTo(Problem.NOT_HASHED);
    }

    @Test
    void theDailyAnchorCombinesEveryHeadOnceADay() {
        storeOldEvents();
        SequencedMongoEventStorageEngine started = engine(Duration.ofSeconds(60));
        started.appendEvents(event("new", 0), event("new", 1));
        HashAnchors anchors = new HashAnchors(events, database, genesis);
        LocalDate day = LocalDate.of(2025, 9, 15);
        HashAnchors.Anchor anchor = anchors.anchorFor(day, Instant.parse("2025-09-15T00:05:00Z"));
        assertThat(anchor.promises()).isEqualTo(3);
        assertThat(anchor.anchor()).hasSize(64);
        started.appendEvents(event("new", 2));
        assertThat(anchors.anchorFor(day, Instant.now())).as("one anchor a day").isEqualTo(anchor);
        HashAnchors.Anchor next = anchors.anchorFor(day.plusDays(1), Instant.parse("2025-09-16T00:05:00Z"));
        assertThat(next.anchor()).isNotEqualTo(anchor.anchor());
        assertThat(anchors.latest(5)).containsExactly(next, anchor);
        HashAnchors.Anchor recomputed = new HashAnchors(events, database, genesis).anchorFor(day.plusDays(2),
                Instant.parse("2025-09-17T00:05:00Z"));
        assertThat(recomputed.anchor()).as("the day is part of the anchor").isNotEqualTo(next.anchor());
    }
}

package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.UnknownSerializedType;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencedMongoEventStorageEngineTest extends EngineTestSupport {

    List<TrackedEventMessage<?>> readAll(TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    @Test
    void anAggregateStreamReadsBackInOrderAcrossBatches() {
        for (long i = 0; i < 250; i++) {
            engine.appendEvents(event("p1", i));
            engine.appendEvents(event("p2", i));
        }
        List<Long> sequences = engine.readEvents("p1", 0).asStream().map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequences).containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
        assertThat(engine.readEvents("p1", 200).asStream().count()).isEqualTo(50);
        assertThat(engine.lastSequenceNumberFor("p2")).contains(249L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
        ActivityRetracted payload = (ActivityRetracted) engine.readEvents("p2", 7).next().getPayload();
        assertThat(payload.reason()).isEqualTo("skäl 7");
    }

    @Test
    void aSecondEventWithTheSameAggregateSequenceIsAConcurrencyConflictAndIsNotStored() {
        engine.appendEvents(event("p1", 0));
        assertThatThrownBy(() -> engine.appendEvents(event("p1", 0))).isInstanceOf(ConcurrencyException.class);
        assertThat(readAll(null)).hasSize(1);
    }

    @Test
    void theNewestSnapshotWins() {
        engine.storeSnapshot(new GenericDomainEventMessage<>("Promise", "p1", 10, "snapshot at 10"));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Promise", "p1", 20, "snapshot at 20"));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Promise", "p1", 15, "snapshot at 15"));
        assertThat(engine.readSnapshot("p1")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(20);
            assertThat(s.getPayload()).isEqualTo("snapshot at 20");
        });
        assertThat(engine.readSnapshot("p2")).isEmpty();
    }

    @Test
    void trackingReadsEveryEventOnceInGlobalOrderAndResumesFromAnyToken() {
        for (long i = 0; i < 350; i++) {
            engine.appendEvents(event("p" + (i % 7), i / 7));
        }
        List<TrackedEventMessage<?>> all = readAll(null);
        assertThat(all).hasSize(350);
        assertThat(all.stream().map(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 350).boxed().toList());
        assertThat(readAll(all.get(99).trackingToken())).hasSize(250);
        assertThat(readAll(engine.createHeadToken())).isEmpty();
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void aNumberTakenByASlowWriterIsWaitedForAndDeliveredWhenItArrives() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldAfterNumbering(engine, event("slow", 0), release);
        engine.appendEvents(event("fast", 0));

        List<TrackedEventMessage<?>> first = readAll(null);
        assertThat(first).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("fast");
        GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(token.getIndex()).isEqualTo(2);
        assertThat(token.getGaps()).containsExactly(1L);

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        List<TrackedEventMessage<?>> later = readAll(token);
        assertThat(later).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("slow");
        assertThat(((GapAwareTrackingToken) later.get(0).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void aNumberThatIsNeverFilledIsGivenUpAfterTheTimeoutAndALateWriterStoresItsEventUnderANewNumber()
            throws Exception {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> late = appendHeldAfterNumbering(engine, event("late", 0), release);
        engine.appendEvents(event("on-time", 0));

        TrackingToken token = engine.readEvents(null, false).toList().get(0).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(1L);
        Thread.sleep(300);
        assertThat(engine.readEvents(token, false).toList()).as("first poll after the timeout closes the gap").isEmpty();
        engine.appendEvents(event("next", 0));
        List<? extends TrackedEventMessage<?>> after = engine.readEvents(token, false).toList();
        assertThat(after).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("next");
        assertThat(((GapAwareTrackingToken) after.get(0).trackingToken()).getGaps()).isEmpty();

        release.countDown();
        late.get(5, TimeUnit.SECONDS);
        List<? extends TrackedEventMessage<?>> lateOnes = engine.readEvents(after.get(0).trackingToken(), false).toList();
        assertThat(lateOnes).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .as("the late event is stored under a new number and delivered, not skipped").containsExactly("late");
        assertThat(((GapAwareTrackingToken) lateOnes.get(0).trackingToken()).getIndex()).isEqualTo(4);
    }

    @Test
    void aNumberHandedOutTwiceIsDetectedAndTheSecondEventGetsANewOne() {
        engine.appendEvents(event("p1", 0));
        // what a server whose $inc is not atomic can do: hand out the same number again
        database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                new Document("$set", new Document("value", 0L)));
        engine.appendEvents(event("p2", 0));

        List<TrackedEventMessage<?>> all = readAll(null);
        assertThat(all).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("p1", "p2");
        assertThat(((GapAwareTrackingToken) all.get(1).trackingToken()).getIndex()).isEqualTo(2);
    }

    @Test
    void aWriterWhoseAppendFailsClosesItsNumbersAtOnce() {
        engine.appendEvents(event("p1", 0));
        hook = (first, count) -> {
            throw new IllegalStateException("injected failure after taking " + first);
        };
        assertThatThrownBy(() -> engine.appendEvents(event("p1", 1))).isInstanceOf(IllegalStateException.class);
        hook = AppendHook.NONE;
        assertThatThrownBy(() -> engine.appendEvents(event("p1", 0))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("p1", 1));

        List<TrackedEventMessage<?>> all = readAll(null);
        assertThat(all).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(0L, 1L);
        GapAwareTrackingToken last = (GapAwareTrackingToken) all.get(1).trackingToken();
        assertThat(last.getIndex()).isEqualTo(4);
        assertThat(last.getGaps()).as("no waiting for the timeout (60 s here)").isEmpty();
    }

    @Test
    void anEventWhosePayloadTypeIsUnknownDoesNotStopTheStream() {
        engine.appendEvents(event("p1", 0));
        database.getCollection("events").updateOne(new Document("_id", "p1/0"),
                new Document("$set", new Document("payloadType", "se.medborgarlofte.events.NoLongerExists")));
        engine.appendEvents(event("p1", 1));

        List<TrackedEventMessage<?>> all = readAll(null);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getPayloadType()).isEqualTo(UnknownSerializedType.class);
        assertThat(all.get(1).getPayload()).isInstanceOf(ActivityRetracted.class);
    }

    @Test
    void aTokenAtATimeStartsAtTheFirstEventRecordedFromThen() throws Exception {
        engine.appendEvents(event("p1", 0));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        engine.appendEvents(event("p1", 1));
        engine.appendEvents(event("p1", 2));
        assertThat(readAll(engine.createTokenAt(between))).hasSize(2);
        assertThat(readAll(engine.createTokenAt(Instant.now().plusSeconds(60)))).isEmpty();
    }
}

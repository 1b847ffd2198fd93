package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.bson.Document;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.send;
import static se.medborgarlofte.benchmark.Measure.millis;
import static se.medborgarlofte.benchmark.Measure.progress;

/**
 * Part 9, flat in history: RecordActivity on a promise that already holds many activities against the same command
 * on a fresh promise, on the local run's backend (file-backed, durable). The long history is appended through the
 * storage engine; the first command on it loads the whole history (timed apart, it happens once per process). Then
 * the two promises take commands in turn, one at a time, so that the machine's noise falls on both alike.
 */
final class LongHistoryPart {

    private final EventStoreBenchmark bench;
    private final int activities;
    private final int commands;

    LongHistoryPart(EventStoreBenchmark bench, int activities, int commands) {
        this.bench = bench;
        this.activities = activities;
        this.commands = commands;
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        progress("9 flat in history: RecordActivity on a promise with %,d activities and on a fresh one", activities);
        Path folder = Files.createTempDirectory("bench-history");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder, "127.0.0.1", 0);
             LocalApplication app = bench.start(server, "sequenced", Map.of())) {
            app.querySide().close();
            CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
            PromiseId longOne = Fixtures.promiseId("history", 0);
            PromiseId fresh = Fixtures.promiseId("history", 1);
            long t0 = System.nanoTime();
            List<DomainEventMessage<?>> history = Fixtures.promiseHistory(longOne, 0, activities + 2,
                    sequence -> Instant.now());
            EventStorageEngine storage = app.commandSide().getBean(EventStorageEngine.class);
            for (int from = 0; from < history.size(); from += 1_000) {
                storage.appendEvents(history.subList(from, Math.min(history.size(), from + 1_000)));
            }
            double appendSeconds = (System.nanoTime() - t0) / 1e9;
            send(gateway, Fixtures.signPromise(fresh, 1), Fixtures.admin(UUID.randomUUID().toString()));
            send(gateway, Fixtures.addCommitment(fresh), Fixtures.admin(UUID.randomUUID().toString()));

            long firstStart = System.nanoTime();
            record(gateway, longOne, 0, "first");
            double firstMillis = (System.nanoTime() - firstStart) / 1e6;
            for (int i = 0; i < 100; i++) {
                record(gateway, longOne, 0, "warm-" + i);
                record(gateway, fresh, 1, "warm-" + i);
            }
            LongList onLong = new LongList();
            LongList onFresh = new LongList();
            for (int i = 0; i < commands; i++) {
                onFresh.add(record(gateway, fresh, 1, "cmd-" + i));
                onLong.add(record(gateway, longOne, 0, "cmd-" + i));
            }
            // as after a restart: nothing in memory, the promise is loaded from its snapshot
            app.commandSide().getBean(Cache.class).removeAll();
            long fromSnapshotStart = System.nanoTime();
            record(gateway, longOne, 0, "after-restart");
            double fromSnapshotMillis = (System.nanoTime() - fromSnapshotStart) / 1e6;
            notes.put("flat in history (part 9)", String.format(Locale.ROOT, "file-backed embedded server (durable), "
                    + "command side alone; %,d ActivityRecorded appended through the engine in %.1f s; the first "
                    + "command on that promise loaded them all in %,.0f ms (and then took a snapshot: %s); then "
                    + "100 warm-up commands on each promise and %,d measured on each, one at a time, alternating; "
                    + "a command after emptying the cache (as after a restart) took %,.0f ms",
                    activities, appendSeconds, firstMillis, snapshotSize(server, longOne), commands,
                    fromSnapshotMillis));
            double ratio = onLong.percentileMillis(50) / onFresh.percentileMillis(50);
            return List.of(
                    new Row("9", "RecordActivity p50 / p99, fresh promise",
                            millis(onFresh.percentileMillis(50)) + " / " + millis(onFresh.percentileMillis(99)),
                            "", ""),
                    new Row("9", String.format(Locale.ROOT, "RecordActivity p50 / p99, promise with %,d activities",
                            activities),
                            millis(onLong.percentileMillis(50)) + " / " + millis(onLong.percentileMillis(99)),
                            String.format(Locale.ROOT, "%.2f", ratio), "fresh p50 (goal <= 1.5)"));
        } finally {
            Measure.delete(folder);
        }
    }

    private static String snapshotSize(EmbeddedMongoServer server, PromiseId promise) {
        try (MongoClient client = MongoClients.create(server.uri(EventStoreBenchmark.DATABASE))) {
            Document snapshot = client.getDatabase(EventStoreBenchmark.DATABASE).getCollection("snapshots")
                    .find(new Document("_id", promise.value())).first();
            return snapshot == null ? "none stored"
                    : String.format(Locale.ROOT, "%,d KB BSON", Measure.bsonSize(snapshot) / 1024);
        }
    }

    /** One RecordActivity as the promise's police editor; returns its time in nanoseconds. */
    private static long record(CommandGateway gateway, PromiseId promise, int index, String activity) {
        long start = System.nanoTime();
        long n = Math.abs(activity.hashCode());
        send(gateway, Fixtures.recordActivity(promise, "h-" + activity, n),
                Fixtures.policeEditor(index, UUID.randomUUID().toString()));
        return System.nanoTime() - start;
    }
}

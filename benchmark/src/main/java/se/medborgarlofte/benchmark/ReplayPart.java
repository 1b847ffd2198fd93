package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.eventstore.SharedReadEventSource;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.local.LocalApplication;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.promise.PromiseProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import static se.medborgarlofte.benchmark.Measure.*;

/** Part 3: replay of N events into both read models, our engine and Axon's stock MongoDB engine. */
final class ReplayPart {

    private final EventStoreBenchmark bench;

    ReplayPart(EventStoreBenchmark bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int promises = bench.config.replayPromises();
        int perPromise = bench.config.replayEventsPerPromise();
        long total = (long) promises * perPromise;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (String group : List.of(ActivityProjection.GROUP, PromiseProjection.GROUP)) {
            processors.put("axon.eventhandling.processors." + group + ".batch-size", bench.config.replayBatchSize());
        }
        bench.notes.put("replay", String.format(Locale.ROOT,
                "%,d events = %,d promises x (1 PromiseSigned + 1 CommitmentAdded + %d ActivityRecorded), appended "
                + "by the engine under test (one appendEvents of %d per promise); both processing groups as "
                + "query-side.properties configures them (pooled, 2 segments, a pool of 2 threads each), batch-size %d (set for this part, "
                + "both groups, both engines; query-side.properties has 100), engine read "
                + "batch %s; event timestamps either spread evenly over the past year in append order (a store "
                + "that grew in production) or taken as the events are built (a burst: the stock engine's 1 s "
                + "look-back window then holds thousands of event ids); processors (all three read models) stopped before the append and "
                + "started after it, from their first token; "
                + "timed from start until the read models hold every event's effect (activities docs + promise docs "
                + "+ commitments = %,d); limit %d s, Axon's stock engine %d s (FAILED if not done by then); "
                + "%s embedded server",
                total, promises, perPromise - 2, perPromise, bench.config.replayBatchSize(),
                System.getProperty("medborgarlofte.event-store.batch-size", "1000 (default)"), total,
                bench.config.replayTimeoutSeconds(), bench.config.replayStockTimeoutSeconds(),
                bench.config.replayFileBacked() ? "file-backed (the local run's backend)" : "in-memory"));
        if (bench.config.replayWarmupPromises() > 0) {
            // JIT warm-up of the query side's path (projections, Spring Data, driver, Axon), so that the first
            // measured replay isn't the coldest; not reported
            progress("3/4 warm-up: replay of %,d events, sequenced engine", (long) bench.config.replayWarmupPromises() * perPromise);
            replay("sequenced", "history", bench.config.replayWarmupPromises(), perPromise, processors,
                    bench.config.replayTimeoutSeconds());
        }
        String limitName = bench.config.replayFileBacked() ? "LMF" : "LM";
        Double limit = bench.limits == null ? null
                : bench.config.replayFileBacked() ? bench.limits.insertManyFile() : bench.limits.insertMany();
        for (String timestamps : bench.config.replayTimestamps()) {
            String label = "history".equals(timestamps) ? "timestamps over a year" : "timestamps now (burst)";
            Map<String, Double> rates = new LinkedHashMap<>();
            for (String engine : bench.config.replayEngines()) {
                int timeout = bench.config.replayTimeoutSeconds(engine);
                progress("3/4 replay of %,d events, %s, engine %s (limit %d s)", total, label, engine, timeout);
                String measurement = "replay, " + engine + " engine, " + label;
                Replay replay;
                Double limitNow = limit;
                try {
                    double before = limitAround(limit);
                    replay = replay(engine, timestamps, promises, perPromise, processors, timeout);
                    if (before > 0) {
                        limitNow = (before + limitAround(limit)) / 2;
                        bench.notes.merge("limit at the replays (part 3)", String.format(Locale.ROOT,
                                "%s %s: insertMany on a file-backed server of its own, %d s just before the replay and "
                                + "%d s just after, %,.0f docs/s on the mean", engine, label, bench.config.rawSeconds(),
                                bench.config.rawSeconds(), limitNow), (a, b) -> a + "; " + b);
                    }
                } catch (Exception e) {
                    // a comparison that fails (the stock engine timing the server out) is a row, not the end
                    bench.failed("3", measurement, e);
                    continue;
                }
                bench.rows.add(new Row("3", String.format(Locale.ROOT, "append %,d events, %s engine (%d per call)", total,
                        engine, perPromise), rate(replay.appendPerSecond(), "events/s"),
                        ratio(replay.appendPerSecond(), limitNow), limitName));
                String result = rate(replay.eventsPerSecond(), "events/s") + (replay.complete()
                        ? String.format(Locale.ROOT, " (%,d in %.1f s)", replay.applied(), replay.seconds())
                        : String.format(Locale.ROOT, " FAILED: stopped at %.0f s, %,d of %,d", replay.seconds(),
                        replay.applied(), total));
                bench.rows.add(new Row("3", measurement, result, ratio(replay.eventsPerSecond(), limitNow), limitName));
                if (replay.complete()) {
                    rates.put(engine, replay.eventsPerSecond());
                }
            }
            if (rates.containsKey("sequenced") && rates.containsKey("axon-mongo")) {
                bench.rows.add(new Row("3", "replay sequenced / axon-mongo, " + label, String.format(Locale.ROOT, "%.1fx",
                        rates.get("sequenced") / rates.get("axon-mongo")), "", ""));
            }
            if (rates.containsKey("sequenced")) {
                flatness(timestamps, label, perPromise, processors, rates.get("sequenced"));
            }
        }
    }

    /**
     * LMF measured again next to a replay, on the file-backed backend (0 where the replay runs in memory or part 1
     * did not run): part 1 measured it minutes earlier, for 3 s, and the machine's load moved it by a factor of two
     * between runs (9,686 to 24,663 docs/s on one day), so the ratio compares the replay with the limit of the same
     * minute, the mean of a measurement just before and one just after it.
     */
    private double limitAround(Double limit) throws Exception {
        return limit == null || !bench.config.replayFileBacked() ? 0
                : EventStoreBenchmark.insertManyFileBacked(bench.config.rawSeconds());
    }

    /** The same replay ten times larger (bench.replay.largePromises, 0 = not run): its rate against the smaller one's. */
    private void flatness(String timestamps, String label, int perPromise, Map<String, Object> processors,
                          double smallerRate) throws Exception {
        int promises = Integer.getInteger("bench.replay.largePromises", 0);
        if (promises <= 0) {
            return;
        }
        long total = (long) promises * perPromise;
        int timeout = Integer.getInteger("bench.replay.largeTimeoutSeconds", 1800);
        progress("3/4 replay of %,d events, %s, engine sequenced (limit %d s)", total, label, timeout);
        String measurement = String.format(Locale.ROOT, "replay of %,d events, sequenced engine, %s", total, label);
        try {
            Replay replay = replay("sequenced", timestamps, promises, perPromise, processors, timeout);
            String result = rate(replay.eventsPerSecond(), "events/s") + (replay.complete()
                    ? String.format(Locale.ROOT, " (%,d in %.1f s, heap -Xmx%d MB)", replay.applied(),
                    replay.seconds(), Runtime.getRuntime().maxMemory() / (1024 * 1024))
                    : String.format(Locale.ROOT, " FAILED: stopped at %.0f s, %,d of %,d", replay.seconds(),
                    replay.applied(), total));
            bench.rows.add(new Row("3", measurement, result, ratio(replay.eventsPerSecond(), smallerRate),
                    "the smaller replay's rate (goal >= 0.8)"));
        } catch (Exception e) {
            bench.failed("3", measurement, e);
        }
    }

    private record Replay(double appendPerSecond, long applied, double seconds, boolean complete) {
        double eventsPerSecond() {
            return applied / seconds;
        }
    }

    private Replay replay(String engine, String timestamps, int promises, int perPromise,
                          Map<String, Object> processorProperties, int timeoutSeconds) throws Exception {
        Path folder = Files.createTempDirectory("bench-replay");
        try {
            return replay(engine, timestamps, promises, perPromise, processorProperties, timeoutSeconds, folder);
        } finally {
            Measure.delete(folder);
        }
    }

    private Replay replay(String engine, String timestamps, int promises, int perPromise,
                          Map<String, Object> processorProperties, int timeoutSeconds, Path folder) throws Exception {
        long total = (long) promises * perPromise;
        try (EmbeddedMongoServer server = bench.config.replayFileBacked()
                ? EmbeddedMongoServer.fileBacked(folder, "127.0.0.1", 0) : EmbeddedMongoServer.inMemory();
             LocalApplication app = bench.start(server, engine, processorProperties);
             MongoClient client = MongoClients.create(server.uri(EventStoreBenchmark.DATABASE))) {
            Configuration axon = app.querySide().getBean(Configuration.class);
            List<StreamingEventProcessor> processors = new ArrayList<>();
            for (String group : List.of(ActivityProjection.GROUP, PromiseProjection.GROUP)) {
                processors.add(axon.eventProcessingConfiguration()
                        .eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("no streaming processor " + group)));
            }
            // every other read model (findings) too: with the stock engine, a processor that reads during the append
            // slows it down many times over (its token's window of recent event ids is copied per event)
            axon.eventProcessingConfiguration().eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .filter(processor -> !processors.contains(processor)).forEach(processors::add);
            // stopped before there is anything to process; started again once the store holds all events. Not
            // before every segment has its worker: Axon 4's tracking processor loses a thread for good when it is
            // shut down while still handing out its segments, and one segment would then never be processed.
            awaitAllSegmentsClaimed(processors);
            processors.forEach(StreamingEventProcessor::shutDown);

            EventStorageEngine storage = app.commandSide().getBean(EventStorageEngine.class);
            String run = "replay";
            long t0 = System.nanoTime();
            // "now": every event stamped as it is built (a burst: ~all events inside a few seconds);
            // "history": stamped evenly over the past year, in append order, like a store that grew in production
            Instant yearAgo = Instant.now().minus(Duration.ofDays(365));
            long step = Duration.ofDays(365).toNanos() / total;
            for (int i = 0; i < promises; i++) {
                long first = (long) i * perPromise;
                LongFunction<Instant> timestamp = "history".equals(timestamps)
                        ? seq -> yearAgo.plusNanos((first + seq) * step)
                        : seq -> Instant.now();
                storage.appendEvents(Fixtures.promiseHistory(Fixtures.promiseId(run, i), i, perPromise, timestamp));
            }
            double appendPerSecond = total / ((System.nanoTime() - t0) / 1e9);

            MongoDatabase db = client.getDatabase(EventStoreBenchmark.DATABASE);
            MongoCollection<Document> activities = db.getCollection("activities");
            MongoCollection<Document> promiseDocs = db.getCollection("promises");
            if (activities.estimatedDocumentCount() + promiseDocs.estimatedDocumentCount() > 0) {
                throw new IllegalStateException("read models not empty before the replay");
            }
            long expectedActivities = (long) promises * (perPromise - 2);
            long deadline = TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long start = System.nanoTime();
            processors.forEach(StreamingEventProcessor::start);
            long applied = 0;
            long lastReport = start;
            while (true) {
                long activityCount = activities.estimatedDocumentCount();
                long promiseCount = promiseDocs.estimatedDocumentCount();
                long now = System.nanoTime();
                boolean documentsThere = activityCount >= expectedActivities && promiseCount >= promises;
                boolean timedOut = now - start >= deadline;
                boolean report = now - lastReport > TimeUnit.SECONDS.toNanos(15);
                if (!documentsThere && !timedOut && !report) {
                    // the commitments are counted by scanning the promises: only when it can end the wait, so that
                    // the poll does not compete with the replay for the server
                    Thread.sleep(100);
                    continue;
                }
                long commitments = promiseCount == 0 ? 0
                        : promiseDocs.countDocuments(Filters.size("commitments", 1));
                applied = activityCount + promiseCount + commitments;
                if (documentsThere && commitments >= promises) {
                    noteSharedReads(app, engine, timestamps, total);
                    return new Replay(appendPerSecond, applied, (now - start) / 1e9, true);
                }
                if (timedOut) {
                    // both at once: each waits for its fetch in flight, which takes long on a slow engine; not
                    // longer than a minute (the application is closed in any case)
                    try {
                        java.util.concurrent.CompletableFuture.allOf(processors.stream()
                                .map(StreamingEventProcessor::shutdownAsync)
                                .toArray(java.util.concurrent.CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                        progress("    %s: processors did not stop within 60 s (%s)", engine, e);
                    }
                    return new Replay(appendPerSecond, applied, (now - start) / 1e9, false);
                }
                if (report) {
                    progress("    %s: %,d of %,d applied after %.0f s", engine, applied, total, (now - start) / 1e9);
                    lastReport = now;
                }
                Thread.sleep(100);
            }
        }
    }

    /** How often the processors read a window of the store themselves, and took one another had read. */
    private void noteSharedReads(LocalApplication app, String engine, String timestamps, long total) {
        SharedReadEventSource shared = app.querySide().getBeanProvider(SharedReadEventSource.class).getIfAvailable();
        if (shared != null) {
            bench.notes.merge("replay reads", String.format(Locale.ROOT, "%,d events, %s engine, %s: the three processors "
                    + "read %,d windows of the store and took %,d from one another's read", total, engine, timestamps,
                    shared.windowsRead(), shared.windowsShared()), (a, b) -> a + "; " + b);
        }
    }

    private static void awaitAllSegmentsClaimed(List<StreamingEventProcessor> processors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (StreamingEventProcessor processor : processors) {
            while (processor.processingStatus().size() < processor.maxCapacity() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (processor.processingStatus().size() < processor.maxCapacity()) {
                throw new IllegalStateException(processor.getName() + " did not claim its segments within 30 s");
            }
        }
    }
}

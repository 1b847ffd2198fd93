package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import se.medborgarlofte.eventstore.EmbeddedMongoServer;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static se.medborgarlofte.benchmark.Measure.*;

/** Part 4: projection lag (command completed to activity visible in the query side) at a steady load. */
final class ProjectionLagPart {

    private final EventStoreBenchmark bench;

    ProjectionLagPart(EventStoreBenchmark bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int rate = bench.config.lagRate();
        int seconds = bench.config.lagSeconds();
        int promises = bench.config.lagPromises();
        progress("4/4 projection lag at %d RecordActivity/s for %d s", rate, seconds);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             LocalApplication app = bench.start(server, "sequenced", Map.of());
             MongoClient client = MongoClients.create(server.uri(EventStoreBenchmark.DATABASE))) {
            CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
            MongoCollection<Document> activities = client.getDatabase(EventStoreBenchmark.DATABASE).getCollection("activities");
            MongoCollection<Document> promiseDocs = client.getDatabase(EventStoreBenchmark.DATABASE).getCollection("promises");
            String run = "lag";
            EventStoreBenchmark.signPromises(gateway, run, promises);
            waitUntil(() -> promiseDocs.countDocuments(Filters.size("commitments", 1)) >= promises, 60);

            Map<String, Long> pending = new ConcurrentHashMap<>();     // read-model id -> nanoTime sent
            Map<String, Instant> completed = new ConcurrentHashMap<>();
            Map<String, Instant> visible = new ConcurrentHashMap<>();
            Map<String, Instant> recordedAt = new ConcurrentHashMap<>();
            LongList commandLatencies = new LongList();
            AtomicInteger errors = new AtomicInteger();
            int commands = rate * seconds;
            AtomicInteger sent = new AtomicInteger();

            Thread poller = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (!pending.isEmpty()) {
                        List<String> ids = new ArrayList<>(pending.keySet());
                        List<Document> found = activities.find(Filters.in("_id", ids))
                                .projection(Projections.include("_id", "recordedAt")).into(new ArrayList<>());
                        Instant now = Instant.now();
                        for (Document document : found) {
                            String id = document.getString("_id");
                            visible.putIfAbsent(id, now);
                            recordedAt.put(id, document.getDate("recordedAt").toInstant());
                            pending.remove(id);
                        }
                    }
                    try {
                        Thread.sleep(bench.config.lagPollMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "lag-poller");
            poller.setDaemon(true);
            poller.start();

            ExecutorService workers = Executors.newFixedThreadPool(4);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            CountDownLatch allSent = new CountDownLatch(1);
            ticker.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n >= commands) {
                    allSent.countDown();
                    return;
                }
                workers.submit(() -> {
                    int index = n % promises;
                    PromiseId id = Fixtures.promiseId(run, index);
                    String activityId = "lag-" + n;
                    String documentId = id.value() + "/" + activityId;
                    long t0 = System.nanoTime();
                    pending.put(documentId, t0);
                    try {
                        EventStoreBenchmark.send(gateway, Fixtures.recordActivity(id, activityId, n),
                                Fixtures.policeEditor(index, UUID.randomUUID().toString()));
                        completed.put(documentId, Instant.now());
                        commandLatencies.add(System.nanoTime() - t0);
                    } catch (RuntimeException e) {
                        pending.remove(documentId);
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("RecordActivity failed: " + e);
                        }
                    }
                });
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            allSent.await();
            ticker.shutdownNow();
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
            waitUntil(pending::isEmpty, 60);
            poller.interrupt();
            long unused = EventStoreBenchmark.unusedNumbers(server);

            LongList lag = new LongList();
            LongList lagFromTimestamp = new LongList();
            for (Map.Entry<String, Instant> entry : completed.entrySet()) {
                Instant seen = visible.get(entry.getKey());
                if (seen != null) {
                    lag.add(Duration.between(entry.getValue(), seen).toNanos());
                    lagFromTimestamp.add(Duration.between(recordedAt.get(entry.getKey()), seen).toNanos());
                }
            }
            bench.notes.put("lag", String.format(Locale.ROOT, "%,d RecordActivity at %d/s over %d promises, both sides "
                            + "running, query side polls the store every %s (fetch-delay); \"activities\" polled "
                            + "every %d ms from a separate client (a lag includes up to one poll interval); %,d of "
                            + "%,d seen%s", commands, rate, promises,
                    System.getProperty("medborgarlofte.event-store.fetch-delay", "25 ms (default)"),
                    bench.config.lagPollMillis(), lag.size(), completed.size(),
                    (errors.get() > 0 ? ", " + errors.get() + " commands failed" : "")
                    + (unused > 0 ? ", " + unused + " global sequence numbers never used" : "")));
            Double l50 = bench.limits == null ? null : bench.limits.insertOneP50();
            Double l99 = bench.limits == null ? null : bench.limits.insertOneP99();
            bench.rows.add(new Row("4", "projection lag p50 / p99 (command completed -> visible)",
                    millis(lag.percentileMillis(50)) + " / " + millis(lag.percentileMillis(99)),
                    ratio(lag.percentileMillis(50), l50) + " / " + ratio(lag.percentileMillis(99), l99), "LL"));
            bench.rows.add(new Row("4", "projection lag p50 / p99 (event timestamp -> visible)",
                    millis(lagFromTimestamp.percentileMillis(50)) + " / " + millis(lagFromTimestamp.percentileMillis(99)),
                    ratio(lagFromTimestamp.percentileMillis(50), l50) + " / "
                    + ratio(lagFromTimestamp.percentileMillis(99), l99), "LL"));
            bench.rows.add(new Row("4", "RecordActivity latency p50 / p99 at " + rate + "/s",
                    millis(commandLatencies.percentileMillis(50)) + " / "
                    + millis(commandLatencies.percentileMillis(99)),
                    ratio(commandLatencies.percentileMillis(50), l50) + " / "
                    + ratio(commandLatencies.percentileMillis(99), l99), "LL"));
        }
    }
}

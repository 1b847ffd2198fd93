package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.slf4j.LoggerFactory;
import se.medborgarlofte.eventstore.EmbeddedMongoServer;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Event store benchmark, one run, printed as a table. Every part runs on its own fresh embedded in-memory MongoDB
 * wire server (mongo-java-server) in this JVM, reached through the real MongoDB driver:
 * <ol>
 *   <li>the limit: raw driver insertOne (1 and 8 threads) and insertMany (batches of 100) of ~1 KB documents shaped
 *   like our events;</li>
 *   <li>RecordActivity throughput through the CommandGateway of a running command side (sequenced engine), 1 and 8
 *   client threads, spread over N signed promises;</li>
 *   <li>replay of N events into both read models, our engine and Axon's stock MongoDB engine;</li>
 *   <li>projection lag (command completed → activity visible in the query side's "activities") at a steady load.</li>
 * </ol>
 * Sizes are system properties ({@code -Dbench.…}, see {@link Config}); not part of the test suite.
 */
public final class EventStoreBenchmark {

    private static final String DATABASE = "medborgarlofte";

    private final Config config;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private Limits limits;

    private EventStoreBenchmark(Config config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Config config = Config.fromSystemProperties();
        EventStoreBenchmark benchmark = new EventStoreBenchmark(config);
        long start = System.nanoTime();
        benchmark.notes.put("machine before the run", "load average " + loadAverage() + " (1/5/15 min), CPU busy "
                                                        + cpuBusyPercent() + " % in the last second");
        int status = 0;
        try {
            benchmark.run();
        } catch (Throwable e) {
            status = 1;
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            benchmark.notes.put("FAILED", e.toString());
        } finally {
            benchmark.print(Duration.ofNanos(System.nanoTime() - start));
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Map<Integer, String> otherCpu = new LinkedHashMap<>();
        try {
            for (int part = 1; part <= 6; part++) {
                if (!config.parts().contains(part)) {
                    continue;
                }
                CpuMeter meter = CpuMeter.start();
                switch (part) {
                    case 1 -> partRawLimit();
                    case 2 -> partCommandThroughput();
                    case 3 -> partReplay();
                    case 4 -> partProjectionLag();
                    case 5 -> rows.addAll(new DurableWritesPart(config, this).run(notes));
                    default -> rows.addAll(new WebPagesPart(Integer.getInteger("bench.web.requests", 400)).run(notes));
                }
                otherCpu.put(part, meter.othersPercent());
            }
        } finally {
            notes.put("CPU used by other processes while each part ran (% of all cores)", otherCpu.entrySet().stream()
                    .map(entry -> "part " + entry.getKey() + ": " + entry.getValue())
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The machine's busy CPU time (/proc/stat) minus this JVM's own, over a part. */
    private record CpuMeter(long machineBusyJiffies, long ownNanos, long wallNanos) {

        static CpuMeter start() {
            return new CpuMeter(busyJiffies(), ownCpuNanos(), System.nanoTime());
        }

        String othersPercent() {
            long machine = busyJiffies();
            if (machine < 0 || machineBusyJiffies < 0) {
                return "n/a";
            }
            double machineNanos = (machine - machineBusyJiffies) * 10_000_000.0; // USER_HZ = 100
            double others = machineNanos - (ownCpuNanos() - ownNanos);
            double capacity = (System.nanoTime() - wallNanos) * (double) Runtime.getRuntime().availableProcessors();
            return String.format(Locale.ROOT, "%.0f %%", Math.max(0, 100 * others / capacity));
        }

        private static long ownCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long busyJiffies() {
            try {
                long[] times = cpuTimes();
                return times[0] - times[1];
            } catch (Exception e) {
                return -1;
            }
        }
    }

    // --- 1. the limit ---------------------------------------------------------------------------------------

    private void partRawLimit() throws Exception {
        progress("1/4 the limit: raw driver inserts, %d s each", config.rawSeconds());
        Document template = Fixtures.rawEventDocument();
        notes.put("raw document", bsonSize(template) + " bytes BSON (an ActivityRecorded as our engine stores it), "
                                  + "collection with only the _id index");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            // warm-up (JIT, connection pool), not counted
            insertOneLoop(db.getCollection("warmup"), template, 8, Math.max(1, config.rawSeconds() / 2), null);
            insertManyLoop(db.getCollection("warmup"), template, Math.max(1, config.rawSeconds() / 2));
            db.getCollection("warmup").drop();

            LongList latencies = new LongList();
            double one = insertOneLoop(db.getCollection("one"), template, 1, config.rawSeconds(), latencies);
            double eight = insertOneLoop(db.getCollection("eight"), template, 8, config.rawSeconds(), null);
            double many = insertManyLoop(db.getCollection("many"), template, config.rawSeconds());
            limits = new Limits(one, eight, many, latencies.percentileMillis(50), latencies.percentileMillis(99));
        }
        rows.add(new Row("1", "raw insertOne, 1 thread", rate(limits.insertOne1(), "docs/s"), "1.00", "= limit L1"));
        rows.add(new Row("1", "raw insertOne, 8 threads", rate(limits.insertOne8(), "docs/s"), "1.00", "= limit L8"));
        rows.add(new Row("1", "raw insertMany (100 per batch), 1 thread", rate(limits.insertMany(), "docs/s"),
                "1.00", "= limit LM"));
        rows.add(new Row("1", "raw insertOne latency p50 / p99, 1 thread",
                millis(limits.insertOneP50()) + " / " + millis(limits.insertOneP99()), "1.00", "= limit LL"));
    }

    /** Inserts copies of {@code template} from {@code threads} threads for {@code seconds}; returns docs/s. */
    static double insertOneLoop(MongoCollection<Document> collection, Document template, int threads,
                                        int seconds, LongList latencies) throws Exception {
        AtomicLong done = new AtomicLong();
        long elapsed = runThreads(threads, seconds, thread -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long i = 0;
            while (System.nanoTime() < deadline) {
                Document document = copy(template, "raw-" + thread, i++);
                long t0 = System.nanoTime();
                collection.insertOne(document);
                if (latencies != null) {
                    latencies.add(System.nanoTime() - t0);
                }
                done.incrementAndGet();
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    private static double insertManyLoop(MongoCollection<Document> collection, Document template, int seconds)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long elapsed = runThreads(1, seconds, thread -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long batch = 0;
            while (System.nanoTime() < deadline) {
                List<Document> documents = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                    documents.add(copy(template, "raw-batch-" + batch, i));
                }
                collection.insertMany(documents);
                done.addAndGet(documents.size());
                batch++;
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    private static Document copy(Document template, String aggregate, long sequence) {
        Document document = new Document(template);
        document.put("_id", aggregate + "/" + sequence);
        document.put("aggregateIdentifier", aggregate);
        document.put("sequenceNumber", sequence);
        return document;
    }

    // --- 2. command throughput ------------------------------------------------------------------------------

    private void partCommandThroughput() throws Exception {
        int promises = config.commandPromises();
        progress("2/4 RecordActivity through the CommandGateway: %d promises, %d s per run", promises,
                config.commandSeconds());
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             LocalApplication app = start(server, "sequenced", Map.of())) {
            // the command side alone: the query side would compete for the same cores while projecting
            app.querySide().close();
            CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
            String run = "cmd";
            long t0 = System.nanoTime();
            signPromises(gateway, run, promises);
            notes.put("commands", String.format(Locale.ROOT, "CommandGateway.sendAndWait on the command side alone "
                            + "(query side closed), sequenced engine; RecordActivity round robin over %,d promises as a "
                            + "police editor of the promise, %d s warm-up, then %d s per thread count; the setup "
                            + "(%,d SignPromise + %,d AddCommitment, 8 threads, not timed in the results) took %.1f s",
                    promises, config.commandWarmupSeconds(), config.commandSeconds(), promises, promises,
                    (System.nanoTime() - t0) / 1e9));

            AtomicLong sequence = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            recordActivities(gateway, run, promises, 1, config.commandWarmupSeconds(), sequence, errors);
            double one = recordActivities(gateway, run, promises, 1, config.commandSeconds(), sequence, errors);
            recordActivities(gateway, run, promises, config.commandThreads(), Math.max(1, config.commandWarmupSeconds() / 2),
                    sequence, errors);
            double many = recordActivities(gateway, run, promises, config.commandThreads(), config.commandSeconds(),
                    sequence, errors);
            notes.put("stored event", averageEventSize(app) + " bytes BSON on average (500 stored ActivityRecorded)");
            long unused = unusedNumbers(server);
            if (unused > 0) {
                notes.put("unused global sequence numbers (part 2)", unused + " numbers taken from the counter but "
                        + "never stored: mongo-java-server's findOneAndUpdate/$inc handed the same number to two "
                        + "concurrent appends, and the engine stored the loser's event again under a new number");
            }
            if (errors.get() > 0) {
                notes.put("command errors", errors.get() + " RecordActivity commands failed (not counted)");
            }
            rows.add(new Row("2", "RecordActivity via CommandGateway, 1 thread", rate(one, "cmd/s"),
                    ratio(one, limits == null ? null : limits.insertOne1()), "L1"));
            rows.add(new Row("2", "RecordActivity via CommandGateway, " + config.commandThreads() + " threads",
                    rate(many, "cmd/s"), ratio(many, limits == null ? null : limits.insertOne8()), "L8"));
        }
    }

    static void signPromises(CommandGateway gateway, String run, int promises) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < promises; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    PromiseId id = Fixtures.promiseId(run, index);
                    send(gateway, Fixtures.signPromise(id, index), Fixtures.admin(UUID.randomUUID().toString()));
                    send(gateway, Fixtures.addCommitment(id), Fixtures.admin(UUID.randomUUID().toString()));
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends and waits. (An append whose global sequence number was also handed to another writer, as the embedded
     * server's non-atomic findOneAndUpdate/$inc can do, is stored again under a new number by the engine itself.)
     */
    private static <R> R send(CommandGateway gateway, Object command, MetaData metaData) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** Round robin over the promises, so concurrent commands hit different aggregates; returns commands/s. */
    static double recordActivities(CommandGateway gateway, String run, int promises, int threads, int seconds,
                                           AtomicLong sequence, AtomicLong errors) throws Exception {
        AtomicLong done = new AtomicLong();
        long elapsed = runThreads(threads, seconds, thread -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                long n = sequence.getAndIncrement();
                int index = (int) (n % promises);
                PromiseId id = Fixtures.promiseId(run, index);
                try {
                    send(gateway, Fixtures.recordActivity(id, "act-" + n, n),
                            Fixtures.policeEditor(index, UUID.randomUUID().toString()));
                    done.incrementAndGet();
                } catch (RuntimeException e) {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println("RecordActivity failed: " + e);
                    }
                }
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    // --- 3. replay ------------------------------------------------------------------------------------------

    private void partReplay() throws Exception {
        int promises = config.replayPromises();
        int perPromise = config.replayEventsPerPromise();
        long total = (long) promises * perPromise;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (String group : List.of(ActivityProjection.GROUP, PromiseProjection.GROUP)) {
            processors.put("axon.eventhandling.processors." + group + ".batch-size", config.replayBatchSize());
        }
        notes.put("replay", String.format(Locale.ROOT,
                "%,d events = %,d promises x (1 PromiseSigned + 1 CommitmentAdded + %d ActivityRecorded), appended "
                + "by the engine under test (one appendEvents of %d per promise); both processing groups as "
                + "query-side.properties configures them (tracking, 2 segments and 2 threads each), batch-size %d (set for this part, "
                + "both groups, both engines; query-side.properties has 100), engine read "
                + "batch %s; event timestamps either spread evenly over the past year in append order (a store "
                + "that grew in production) or taken as the events are built (a burst: the stock engine's 1 s "
                + "look-back window then holds thousands of event ids); processors stopped before the append and "
                + "started after it, from their first token; "
                + "timed from start until the read models hold every event's effect (activities docs + promise docs "
                + "+ commitments = %,d); limit %d s",
                total, promises, perPromise - 2, perPromise, config.replayBatchSize(),
                System.getProperty("medborgarlofte.event-store.batch-size", "1000 (default)"), total,
                config.replayTimeoutSeconds()));
        if (config.replayWarmupPromises() > 0) {
            // JIT warm-up of the query side's path (projections, Spring Data, driver, Axon), so that the first
            // measured replay isn't the coldest; not reported
            progress("3/4 warm-up: replay of %,d events, sequenced engine", (long) config.replayWarmupPromises() * perPromise);
            replay("sequenced", "history", config.replayWarmupPromises(), perPromise, processors);
        }
        for (String timestamps : config.replayTimestamps()) {
            String label = "history".equals(timestamps) ? "timestamps over a year" : "timestamps now (burst)";
            Map<String, Double> rates = new LinkedHashMap<>();
            for (String engine : config.replayEngines()) {
                progress("3/4 replay of %,d events, %s, engine %s (limit %d s)", total, label, engine,
                        config.replayTimeoutSeconds());
                Replay replay = replay(engine, timestamps, promises, perPromise, processors);
                rates.put(engine, replay.eventsPerSecond());
                rows.add(new Row("3", String.format(Locale.ROOT, "append %,d events, %s engine (%d per call)", total,
                        engine, perPromise), rate(replay.appendPerSecond(), "events/s"),
                        ratio(replay.appendPerSecond(), limits == null ? null : limits.insertMany()), "LM"));
                String result = rate(replay.eventsPerSecond(), "events/s") + (replay.complete()
                        ? String.format(Locale.ROOT, " (%,d in %.1f s)", replay.applied(), replay.seconds())
                        : String.format(Locale.ROOT, " (STOPPED at %.0f s: %,d of %,d)", replay.seconds(),
                        replay.applied(), total));
                rows.add(new Row("3", "replay, " + engine + " engine, " + label, result,
                        ratio(replay.eventsPerSecond(), limits == null ? null : limits.insertMany()), "LM"));
            }
            if (rates.containsKey("sequenced") && rates.containsKey("axon-mongo")) {
                rows.add(new Row("3", "replay sequenced / axon-mongo, " + label, String.format(Locale.ROOT, "%.1fx",
                        rates.get("sequenced") / rates.get("axon-mongo")), "", ""));
            }
        }
    }

    private record Replay(double appendPerSecond, long applied, double seconds, boolean complete) {
        double eventsPerSecond() {
            return applied / seconds;
        }
    }

    private Replay replay(String engine, String timestamps, int promises, int perPromise,
                          Map<String, Object> processorProperties) throws Exception {
        long total = (long) promises * perPromise;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             LocalApplication app = start(server, engine, processorProperties);
             MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            Configuration axon = app.querySide().getBean(Configuration.class);
            List<StreamingEventProcessor> processors = new ArrayList<>();
            for (String group : List.of(ActivityProjection.GROUP, PromiseProjection.GROUP)) {
                processors.add(axon.eventProcessingConfiguration()
                        .eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("no streaming processor " + group)));
            }
            // stopped before there is anything to process; started again once the store holds all events
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

            MongoDatabase db = client.getDatabase(DATABASE);
            MongoCollection<Document> activities = db.getCollection("activities");
            MongoCollection<Document> promiseDocs = db.getCollection("promises");
            if (activities.estimatedDocumentCount() + promiseDocs.estimatedDocumentCount() > 0) {
                throw new IllegalStateException("read models not empty before the replay");
            }
            long expectedActivities = (long) promises * (perPromise - 2);
            long deadline = TimeUnit.SECONDS.toNanos(config.replayTimeoutSeconds());
            long start = System.nanoTime();
            processors.forEach(StreamingEventProcessor::start);
            long applied = 0;
            long lastReport = start;
            while (true) {
                long activityCount = activities.estimatedDocumentCount();
                long promiseCount = promiseDocs.estimatedDocumentCount();
                long commitments = promiseCount == 0 ? 0
                        : promiseDocs.countDocuments(Filters.size("commitments", 1));
                applied = activityCount + promiseCount + commitments;
                long now = System.nanoTime();
                if (activityCount >= expectedActivities && promiseCount >= promises && commitments >= promises) {
                    return new Replay(appendPerSecond, applied, (now - start) / 1e9, true);
                }
                if (now - start >= deadline) {
                    // both at once: each waits for its fetch in flight, which takes long on a slow engine
                    java.util.concurrent.CompletableFuture.allOf(processors.stream()
                            .map(StreamingEventProcessor::shutdownAsync)
                            .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
                    return new Replay(appendPerSecond, applied, (now - start) / 1e9, false);
                }
                if (now - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                    progress("    %s: %,d of %,d applied after %.0f s", engine, applied, total, (now - start) / 1e9);
                    lastReport = now;
                }
                Thread.sleep(100);
            }
        }
    }

    // --- 4. projection lag ----------------------------------------------------------------------------------

    private void partProjectionLag() throws Exception {
        int rate = config.lagRate();
        int seconds = config.lagSeconds();
        int promises = config.lagPromises();
        progress("4/4 projection lag at %d RecordActivity/s for %d s", rate, seconds);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             LocalApplication app = start(server, "sequenced", Map.of());
             MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
            MongoCollection<Document> activities = client.getDatabase(DATABASE).getCollection("activities");
            MongoCollection<Document> promiseDocs = client.getDatabase(DATABASE).getCollection("promises");
            String run = "lag";
            signPromises(gateway, run, promises);
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
                        Thread.sleep(config.lagPollMillis());
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
                        send(gateway, Fixtures.recordActivity(id, activityId, n),
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
            long unused = unusedNumbers(server);

            LongList lag = new LongList();
            LongList lagFromTimestamp = new LongList();
            for (Map.Entry<String, Instant> entry : completed.entrySet()) {
                Instant seen = visible.get(entry.getKey());
                if (seen != null) {
                    lag.add(Duration.between(entry.getValue(), seen).toNanos());
                    lagFromTimestamp.add(Duration.between(recordedAt.get(entry.getKey()), seen).toNanos());
                }
            }
            notes.put("lag", String.format(Locale.ROOT, "%,d RecordActivity at %d/s over %d promises, both sides "
                            + "running, query side polls the store every %s (fetch-delay); \"activities\" polled "
                            + "every %d ms from a separate client (a lag includes up to one poll interval); %,d of "
                            + "%,d seen%s", commands, rate, promises,
                    System.getProperty("medborgarlofte.event-store.fetch-delay", "25 ms (default)"),
                    config.lagPollMillis(), lag.size(), completed.size(),
                    (errors.get() > 0 ? ", " + errors.get() + " commands failed" : "")
                    + (unused > 0 ? ", " + unused + " global sequence numbers never used" : "")));
            Double l50 = limits == null ? null : limits.insertOneP50();
            Double l99 = limits == null ? null : limits.insertOneP99();
            rows.add(new Row("4", "projection lag p50 / p99 (command completed -> visible)",
                    millis(lag.percentileMillis(50)) + " / " + millis(lag.percentileMillis(99)),
                    ratio(lag.percentileMillis(50), l50) + " / " + ratio(lag.percentileMillis(99), l99), "LL"));
            rows.add(new Row("4", "projection lag p50 / p99 (event timestamp -> visible)",
                    millis(lagFromTimestamp.percentileMillis(50)) + " / " + millis(lagFromTimestamp.percentileMillis(99)),
                    ratio(lagFromTimestamp.percentileMillis(50), l50) + " / "
                    + ratio(lagFromTimestamp.percentileMillis(99), l99), "LL"));
            rows.add(new Row("4", "RecordActivity latency p50 / p99 at " + rate + "/s",
                    millis(commandLatencies.percentileMillis(50)) + " / "
                    + millis(commandLatencies.percentileMillis(99)),
                    ratio(commandLatencies.percentileMillis(50), l50) + " / "
                    + ratio(commandLatencies.percentileMillis(99), l99), "LL"));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    LocalApplication start(EmbeddedMongoServer server, String engine, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.put("medborgarlofte.event-store.engine", engine);
        for (String key : List.of("medborgarlofte.event-store.batch-size", "medborgarlofte.event-store.fetch-delay")) {
            if (System.getProperty(key) != null) {
                properties.put(key, System.getProperty(key));
            }
        }
        properties.putAll(extra);
        return new LocalApplication(new LocalApplication.Settings(server.uri(DATABASE), null, 0, 0, 0, false,
                properties));
    }

    private static int averageEventSize(LocalApplication app) {
        MongoDatabase db = app.commandSide().getBean(org.springframework.data.mongodb.MongoDatabaseFactory.class)
                .getMongoDatabase();
        long bytes = 0;
        int count = 0;
        for (RawBsonDocument document : db.getCollection("events", RawBsonDocument.class)
                .find(Filters.eq("payloadType", ActivityRecorded.class.getName())).limit(500)) {
            bytes += document.getByteBuffer().remaining();
            count++;
        }
        return count == 0 ? 0 : (int) (bytes / count);
    }

    /** Global sequence numbers handed out by the counter minus documents in the events collection. */
    private static long unusedNumbers(EmbeddedMongoServer server) {
        try (MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            Document counter = db.getCollection("eventCounters").find(Filters.eq("_id", "globalIndex")).first();
            if (counter == null) {
                return 0;
            }
            return ((Number) counter.get("value")).longValue() - db.getCollection("events").countDocuments();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Share of all cores busy (any process) over one second, from /proc/stat. */
    private static String cpuBusyPercent() {
        try {
            long[] a = cpuTimes();
            Thread.sleep(1000);
            long[] b = cpuTimes();
            double total = b[0] - a[0];
            return total <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", 100 * (1 - (b[1] - a[1]) / total));
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** {total, idle + iowait} jiffies of all cores. */
    private static long[] cpuTimes() throws java.io.IOException {
        String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[]{total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    /** Runs {@code body(thread)} on {@code threads} threads at once; returns the elapsed nanos. */
    private static long runThreads(int threads, int seconds, IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    body.accept(thread);
                    return null;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> future : futures) {
                future.get(seconds + 120L, TimeUnit.SECONDS);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(new java.util.Date(), args));
        System.out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static String rate(double value, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", value, unit);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.1f ms", value);
    }

    static String ratio(double value, Double limit) {
        if (limit == null || limit == 0) {
            return "n/a";
        }
        double ratio = value / limit;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f" : ratio < 10 ? "%.2f" : "%.0f", ratio);
    }

    private void print(Duration elapsed) {
        Runtime runtime = Runtime.getRuntime();
        System.out.println();
        System.out.printf(Locale.ROOT, "Event store benchmark — %d cores, Java %s, max heap %d MB, one run, "
                                       + "total %d min %02d s%n", runtime.availableProcessors(),
                System.getProperty("java.version"), runtime.maxMemory() >> 20, elapsed.toMinutes(),
                elapsed.toSecondsPart());
        System.out.println("Embedded MongoDB (mongo-java-server) in the same JVM, fresh per part, real MongoDB driver: "
                           + "in memory for parts 1-4 and 6, file-backed and durable (the local run's backend) for part 5.");
        System.out.println();
        String[] header = {"#", "measurement", "result", "ratio to limit", "limit"};
        int[] widths = new int[header.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        rows.forEach(row -> cells.add(new String[]{row.part(), row.measurement(), row.result(), row.ratio(), row.limit()}));
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            StringBuilder out = new StringBuilder("|");
            for (int i = 0; i < line.length; i++) {
                boolean right = i == 2 || i == 3;
                String format = " %" + (right && r > 0 ? "" : "-") + widths[i] + "s |";
                out.append(String.format(Locale.ROOT, format, line[i]));
            }
            System.out.println(out);
            if (r == 0) {
                System.out.println("|" + Arrays.stream(widths).mapToObj(w -> "-".repeat(w + 2))
                        .collect(Collectors.joining("|")) + "|");
            }
        }
        System.out.println();
        System.out.println("Limits: L1/L8 = raw insertOne rate with 1/8 threads, LM = raw insertMany rate, "
                           + "LL = raw insertOne latency (p50 against p50, p99 against p99); D1/D8 = durable "
                           + "insertOne (j: true: insert and sync) on the file-backed embedded server, 1/8 threads.");
        notes.forEach((key, value) -> System.out.println("- " + key + ": " + value));
        System.out.println("- settings: " + config);
    }

    record Row(String part, String measurement, String result, String ratio, String limit) {
    }

    private record Limits(double insertOne1, double insertOne8, double insertMany, double insertOneP50,
                          double insertOneP99) {
    }

    /** The sizes of one run; every one a system property with this default. */
    record Config(Set<Integer> parts, int rawSeconds, int commandPromises, int commandSeconds, int commandThreads,
                  int commandWarmupSeconds, int replayPromises, int replayEventsPerPromise, int replayBatchSize,
                  int replayTimeoutSeconds, List<String> replayEngines, List<String> replayTimestamps,
                  int replayWarmupPromises,
                  int lagRate, int lagSeconds,
                  int lagPromises, int lagPollMillis) {

        static Config fromSystemProperties() {
            return new Config(
                    Arrays.stream(System.getProperty("bench.parts", "1,2,3,4,5,6").split(","))
                            .map(String::strip).map(Integer::valueOf).collect(Collectors.toSet()),
                    Integer.getInteger("bench.raw.seconds", 5),
                    Integer.getInteger("bench.commands.promises", 1000),
                    Integer.getInteger("bench.commands.seconds", 20),
                    Integer.getInteger("bench.commands.threads", 8),
                    Integer.getInteger("bench.commands.warmupSeconds", 5),
                    Integer.getInteger("bench.replay.promises", 1000),
                    Integer.getInteger("bench.replay.eventsPerPromise", 100),
                    Integer.getInteger("bench.replay.batchSize", 1000),
                    Integer.getInteger("bench.replay.timeoutSeconds", 180),
                    List.of(System.getProperty("bench.replay.engines", "sequenced,axon-mongo").split(",")),
                    List.of(System.getProperty("bench.replay.timestamps", "history,now").split(",")),
                    Integer.getInteger("bench.replay.warmupPromises", 100),
                    Integer.getInteger("bench.lag.rate", 50),
                    Integer.getInteger("bench.lag.seconds", 30),
                    Integer.getInteger("bench.lag.promises", 100),
                    Integer.getInteger("bench.lag.pollMillis", 5));
        }

        @Override
        public String toString() {
            return "bench.parts=" + parts.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
                   + " bench.raw.seconds=" + rawSeconds
                   + " bench.commands.promises=" + commandPromises + " bench.commands.seconds=" + commandSeconds
                   + " bench.commands.threads=" + commandThreads
                   + " bench.commands.warmupSeconds=" + commandWarmupSeconds
                   + " bench.replay.promises=" + replayPromises
                   + " bench.replay.eventsPerPromise=" + replayEventsPerPromise
                   + " bench.replay.batchSize=" + replayBatchSize
                   + " bench.replay.timeoutSeconds=" + replayTimeoutSeconds
                   + " bench.replay.engines=" + String.join(",", replayEngines)
                   + " bench.replay.timestamps=" + String.join(",", replayTimestamps)
                   + " bench.replay.warmupPromises=" + replayWarmupPromises
                   + " bench.lag.rate=" + lagRate + " bench.lag.seconds=" + lagSeconds
                   + " bench.lag.promises=" + lagPromises + " bench.lag.pollMillis=" + lagPollMillis;
        }
    }

    /** A growable list of longs (nanos), safe for concurrent adds. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized int size() {
            return size;
        }

        /** Nearest-rank percentile, in milliseconds. */
        synchronized double percentileMillis(double percentile) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * size);
            return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
        }
    }
}

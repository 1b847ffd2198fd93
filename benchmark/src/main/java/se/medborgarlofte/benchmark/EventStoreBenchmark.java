package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.LoggerFactory;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static se.medborgarlofte.benchmark.Measure.*;

/**
 * The benchmark, one run, printed as a table ({@link ResultTable}). Every part runs on its own fresh embedded MongoDB
 * wire server (mongo-java-server) in this JVM, reached through the real MongoDB driver:
 * <ol>
 *   <li>the limit: raw driver insertOne (1 and 8 threads) and insertMany (batches of 100) of ~1 KB documents shaped
 *   like our events (here);</li>
 *   <li>RecordActivity throughput through the CommandGateway of a running command side, 1 and 8 client threads,
 *   spread over N signed promises (here);</li>
 *   <li>replay of N events into both read models, our engine and Axon's stock engine ({@link ReplayPart});</li>
 *   <li>projection lag at a steady load ({@link ProjectionLagPart});</li>
 *   <li>durable writes on the file-backed server of the local run ({@link DurableWritesPart});</li>
 *   <li>the public web's pages ({@link WebPagesPart});</li>
 *   <li>the CSV import of activities ({@link ImportPart});</li>
 *   <li>the public reads: progress and the promise list ({@link ReadsPart}).</li>
 * </ol>
 * Sizes are system properties ({@code -Dbench.…}, see {@link Config}); not part of the test suite.
 */
public final class EventStoreBenchmark {

    static final String DATABASE = "medborgarlofte";

    final Config config;
    final List<Row> rows = new ArrayList<>();
    final Map<String, String> notes = new LinkedHashMap<>();
    Limits limits;

    private EventStoreBenchmark(Config config) {
        this.config = config;
    }

    /** {@code quick} or {@code full} as the first argument picks the profile ({@link Config}). */
    public static void main(String[] args) throws Exception {
        quietLogging();
        if (args.length > 0) {
            System.setProperty("bench.profile", args[0]);
        }
        Config config = Config.fromSystemProperties();
        EventStoreBenchmark benchmark = new EventStoreBenchmark(config);
        long start = System.nanoTime();
        benchmark.notes.put("machine before the run", Runtime.getRuntime().availableProcessors() + " cores, load average "
                                                        + loadAverage() + " (1/5/15 min), CPU busy "
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
            benchmark.notes.put("machine after the run", "load average " + loadAverage() + " (1/5/15 min)");
            ResultTable.print(config, benchmark.rows, benchmark.notes, Duration.ofNanos(System.nanoTime() - start));
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Map<Integer, String> otherCpu = new LinkedHashMap<>();
        try {
            for (int part = 1; part <= 11; part++) {
                if (!config.parts().contains(part)) {
                    continue;
                }
                CpuMeter meter = CpuMeter.start();
                try {
                    switch (part) {
                        case 1 -> partRawLimit();
                        case 2 -> partCommandThroughput();
                        case 3 -> new ReplayPart(this).run();
                        case 4 -> new ProjectionLagPart(this, "4", config.lagRate(), config.lagSeconds(), false).run();
                        case 5 -> rows.addAll(new DurableWritesPart(config, this).run(notes));
                        case 6 -> rows.addAll(new WebPagesPart(config.webRequests()).run(notes));
                        case 7 -> rows.addAll(new ImportPart(Integer.getInteger("bench.import.rows", 10_000)).run(notes));
                        case 8 -> rows.addAll(new ReadsPart(config.profile()).run(notes));
                        case 9 -> rows.addAll(new LongHistoryPart(this, Integer.getInteger("bench.history.activities",
                                50_000), Integer.getInteger("bench.history.commands",
                                "quick".equals(config.profile()) ? 300 : 1_000)).run(notes));
                        case 10 -> rows.addAll(new HttpRecordsPart(config.commandSeconds(),
                                config.commandWarmupSeconds(), config.commandMaxWarmupSeconds()).run(notes));
                        case 11 -> new ProjectionLagPart(this, "11", Integer.getInteger("bench.load.rate", 500),
                                Integer.getInteger("bench.load.seconds", 60), true).run();
                        default -> throw new IllegalArgumentException("no part " + part);
                    }
                } catch (Exception e) {
                    // one part failing (a server timing out, a slow engine) does not end the run
                    failed(String.valueOf(part), "part " + part, e);
                }
                otherCpu.put(part, meter.othersPercent());
            }
        } finally {
            notes.put("CPU used by other processes while each part ran (% of all cores)", otherCpu.entrySet().stream()
                    .map(entry -> "part " + entry.getKey() + ": " + entry.getValue())
                    .collect(Collectors.joining(", ")));
        }
    }

    /** A row saying FAILED, with what went wrong; the stack trace goes to the error output. */
    void failed(String part, String measurement, Exception e) {
        System.err.println("Part " + part + ", " + measurement + " FAILED:");
        e.printStackTrace();
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        rows.add(new Row(part, measurement, "FAILED: " + e.getClass().getSimpleName() + ": "
                + (message.length() > 80 ? message.substring(0, 80) + "…" : message), "", ""));
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
            double manyFile = insertManyFileBacked(config.rawSeconds());
            limits = new Limits(one, eight, many, latencies.percentileMillis(50), latencies.percentileMillis(99),
                    manyFile);
        }
        rows.add(new Row("1", "raw insertOne, 1 thread", rate(limits.insertOne1(), "docs/s"), "1.00", "= limit L1"));
        rows.add(new Row("1", "raw insertOne, 8 threads", rate(limits.insertOne8(), "docs/s"), "1.00", "= limit L8"));
        rows.add(new Row("1", "raw insertMany (100 per batch), 1 thread", rate(limits.insertMany(), "docs/s"),
                "1.00", "= limit LM"));
        rows.add(new Row("1", "raw insertOne latency p50 / p99, 1 thread",
                millis(limits.insertOneP50()) + " / " + millis(limits.insertOneP99()), "1.00", "= limit LL"));
        rows.add(new Row("1", "raw insertMany (100 per batch), file-backed, 1 thread",
                rate(limits.insertManyFile(), "docs/s"), "1.00", "= limit LMF"));
    }

    /** insertMany on the file-backed server of the local run (written like a read model: no journal asked for). */
    static double insertManyFileBacked(int seconds) throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("bench-raw");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            insertManyLoop(db.getCollection("warmup"), Fixtures.rawEventDocument(), Math.max(1, seconds / 2));
            return insertManyLoop(db.getCollection("many"), Fixtures.rawEventDocument(), seconds);
        } finally {
            Measure.delete(folder);
        }
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
                            + "police editor of the promise, a warm-up of at least %d s (below), then %d s per thread "
                            + "count; the setup (%,d SignPromise + %,d AddCommitment, 8 threads, not timed in the results) took %.1f s",
                    promises, config.commandWarmupSeconds(), config.commandSeconds(), promises, promises,
                    (System.nanoTime() - t0) / 1e9));

            CommandRuns runs = CommandRuns.measure(gateway, run, config, null, null);
            notes.put("warm-up (part 2)", runs.note());
            notes.put("stored event", averageEventSize(app) + " bytes BSON on average (500 stored ActivityRecorded)");
            long unused = unusedNumbers(server);
            if (unused > 0) {
                notes.put("unused global sequence numbers (part 2)", unused + " numbers taken from the counter but "
                        + "never stored: mongo-java-server's findOneAndUpdate/$inc handed the same number to two "
                        + "concurrent appends, and the engine stored the loser's event again under a new number");
            }
            if (runs.errors() > 0) {
                notes.put("command errors", runs.errors() + " RecordActivity commands failed (not counted)");
            }
            rows.add(new Row("2", "RecordActivity via CommandGateway, 1 thread", rate(runs.one(), "cmd/s"),
                    ratio(runs.one(), limits == null ? null : limits.insertOne1()), "L1"));
            rows.add(new Row("2", "RecordActivity via CommandGateway, " + config.commandThreads() + " threads",
                    rate(runs.many(), "cmd/s"), ratio(runs.many(), limits == null ? null : limits.insertOne8()), "L8"));
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
    static <R> R send(CommandGateway gateway, Object command, MetaData metaData) {
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

    // --- 4. projection lag ----------------------------------------------------------------------------------

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
    static long unusedNumbers(EmbeddedMongoServer server) {
        try (MongoClient client = MongoClients.create(server.uri(DATABASE))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            Document counter = db.getCollection("eventCounters").find(Filters.eq("_id", "globalIndex")).first();
            if (counter == null) {
                return 0;
            }
            return ((Number) counter.get("value")).longValue() - db.getCollection("events").countDocuments();
        }
    }

    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

}

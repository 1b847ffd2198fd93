package se.medborgarlofte.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.PromiseId;
import org.springframework.context.ConfigurableApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.local.LocalApplication;
import se.medborgarlofte.query.QuerySideApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Projection lag (command completed to activity visible in the query side) at a steady load. Part 4: both sides in
 * the benchmark's JVM. Part 11: the command side in the benchmark's JVM and the query side in a process of its own
 * (as deployed), which learns of new events only by polling the store.
 */
final class ProjectionLagPart {

    private static final int WARMUP_SECONDS = Integer.getInteger("bench.lag.warmupSeconds", 5);
    private static final int MAX_WARMUP_SECONDS = Integer.getInteger("bench.lag.maxWarmupSeconds", 30);

    private final EventStoreBenchmark bench;
    private final String part;
    private final int rate;
    private final int seconds;
    private final boolean separateProcesses;

    ProjectionLagPart(EventStoreBenchmark bench, String part, int rate, int seconds, boolean separateProcesses) {
        this.bench = bench;
        this.part = part;
        this.rate = rate;
        this.seconds = seconds;
        this.separateProcesses = separateProcesses;
    }

    void run() throws Exception {
        int promises = bench.config.lagPromises();
        progress("%s projection lag at %d RecordActivity/s for %d s%s", part, rate, seconds,
                separateProcesses ? ", query side in its own process" : "");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             Sides sides = separateProcesses ? Sides.separate(server) : Sides.together(bench, server);
             MongoClient client = MongoClients.create(server.uri(EventStoreBenchmark.DATABASE))) {
            CommandGateway gateway = sides.gateway();
            MongoCollection<Document> activities = client.getDatabase(EventStoreBenchmark.DATABASE).getCollection("activities");
            MongoCollection<Document> promiseDocs = client.getDatabase(EventStoreBenchmark.DATABASE).getCollection("promises");
            String run = "lag";
            EventStoreBenchmark.signPromises(gateway, run, promises);
            // the query side's own JVM may take long to start on a loaded machine
            waitUntil(() -> promiseDocs.countDocuments(Filters.size("commitments", 1)) >= promises,
                    separateProcesses ? 240 : 60);

            Map<String, Long> pending = new ConcurrentHashMap<>();     // read-model id -> nanoTime sent
            Map<String, Instant> completed = new ConcurrentHashMap<>();
            Map<String, Instant> visible = new ConcurrentHashMap<>();
            Map<String, Instant> recordedAt = new ConcurrentHashMap<>();
            LongList commandLatencies = new LongList();
            AtomicInteger errors = new AtomicInteger();
            // the same load first, not measured, until the JIT of both JVMs is quiet (WarmUp): the query side's JVM
            // starts cold, and its compiler takes a core of the two for tens of seconds
            AtomicInteger warmup = new AtomicInteger(Integer.MAX_VALUE);
            AtomicInteger commands = new AtomicInteger(Integer.MAX_VALUE);
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

            ExecutorService workers = Executors.newFixedThreadPool(8);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            CountDownLatch allSent = new CountDownLatch(1);
            ticker.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n >= commands.get()) {
                    allSent.countDown();
                    return;
                }
                workers.submit(() -> {
                    int index = n % promises;
                    PromiseId id = Fixtures.promiseId(run, index);
                    boolean measured = n >= warmup.get();
                    String activityId = (measured ? "lag-" : "lag-warmup-") + n;
                    String documentId = id.value() + "/" + activityId;
                    long t0 = System.nanoTime();
                    if (measured) {
                        pending.put(documentId, t0);
                    }
                    try {
                        EventStoreBenchmark.send(gateway, Fixtures.recordActivity(id, activityId, n),
                                Fixtures.policeEditor(index, UUID.randomUUID().toString()));
                        if (measured) {
                            completed.put(documentId, Instant.now());
                            commandLatencies.add(System.nanoTime() - t0);
                        }
                    } catch (RuntimeException e) {
                        pending.remove(documentId);
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("RecordActivity failed: " + e);
                        }
                    }
                });
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            WarmUp.Outcome warmedUp = WarmUp.run(WARMUP_SECONDS, MAX_WARMUP_SECONDS, sides::compiledMillis,
                    round -> Thread.sleep(round * 1000L));
            long jit = sides.compiledMillis();
            warmup.set(sent.get());
            commands.set(warmup.get() + rate * seconds);
            allSent.await();
            long jitMeasured = sides.compiledMillis() - jit;
            ticker.shutdownNow();
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
            waitUntil(pending::isEmpty, 60);
            poller.interrupt();
            long unused = EventStoreBenchmark.unusedNumbers(server);

            LongList lag = new LongList();
            LongList lagFromTimestamp = new LongList();
            Instant first = completed.values().stream().min(Instant::compareTo).orElse(Instant.now());
            java.util.TreeMap<Long, LongList> byWindow = new java.util.TreeMap<>();
            for (Map.Entry<String, Instant> entry : completed.entrySet()) {
                Instant seen = visible.get(entry.getKey());
                if (seen != null) {
                    lag.add(Duration.between(entry.getValue(), seen).toNanos());
                    byWindow.computeIfAbsent(Duration.between(first, entry.getValue()).toSeconds() / 10,
                            window -> new LongList()).add(Duration.between(entry.getValue(), seen).toNanos());
                    lagFromTimestamp.add(Duration.between(recordedAt.get(entry.getKey()), seen).toNanos());
                }
            }
            bench.notes.put("lag (part " + part + ")", String.format(Locale.ROOT, "%,d RecordActivity at %d/s over %d "
                            + "promises after a %s, the same load not measured, " + (separateProcesses ? "the query side in a separate JVM (-Xmx1g), the "
                            + "command side and the in-memory embedded server in the benchmark's" : "both sides in the "
                            + "benchmark's JVM") + ", 8 sending threads; query side polls the store every %s (fetch-delay); \"activities\" polled "
                            + "every %d ms from a separate client (a lag includes up to one poll interval); %,d of "
                            + "%,d seen%s", commands.get() - warmup.get(), rate, promises, warmedUp,
                    System.getProperty("medborgarlofte.event-store.fetch-delay", "25 ms (default)"),
                    bench.config.lagPollMillis(), lag.size(), completed.size(),
                    (errors.get() > 0 ? ", " + errors.get() + " commands failed" : "")
                    + (unused > 0 ? ", " + unused + " global sequence numbers never used" : "")
                    + "; JIT compiling " + jitMeasured + " ms (both JVMs) during the measured run"
                    + "; p99 per 10 s of the run: " + String.join(", ", byWindow.values().stream()
                            .map(window -> millis(window.percentileMillis(99))).toList())));
            Double l50 = bench.limits == null ? null : bench.limits.insertOneP50();
            Double l99 = bench.limits == null ? null : bench.limits.insertOneP99();
            bench.rows.add(new Row(part, "projection lag p50 / p99 (command completed -> visible)"
                            + (separateProcesses ? ", separate processes, goal p99 <= 50 ms" : ""),
                    millis(lag.percentileMillis(50)) + " / " + millis(lag.percentileMillis(99)),
                    ratio(lag.percentileMillis(50), l50) + " / " + ratio(lag.percentileMillis(99), l99), "LL"));
            bench.rows.add(new Row(part, "projection lag p50 / p99 (event timestamp -> visible)",
                    millis(lagFromTimestamp.percentileMillis(50)) + " / " + millis(lagFromTimestamp.percentileMillis(99)),
                    ratio(lagFromTimestamp.percentileMillis(50), l50) + " / "
                    + ratio(lagFromTimestamp.percentileMillis(99), l99), "LL"));
            bench.rows.add(new Row(part, "RecordActivity latency p50 / p99 at " + rate + "/s",
                    millis(commandLatencies.percentileMillis(50)) + " / "
                    + millis(commandLatencies.percentileMillis(99)),
                    ratio(commandLatencies.percentileMillis(50), l50) + " / "
                    + ratio(commandLatencies.percentileMillis(99), l99), "LL"));
        }
    }

    /** The two sides, in this JVM or the query side in a process of its own. */
    private interface Sides extends AutoCloseable {
        CommandGateway gateway();

        /** What the JIT compilers of the JVMs running the two sides compiled so far, in ms. */
        long compiledMillis();

        static Sides together(EventStoreBenchmark bench, EmbeddedMongoServer server) {
            LocalApplication app = bench.start(server, "sequenced", Map.of());
            return new Sides() {
                public CommandGateway gateway() {
                    return app.commandSide().getBean(CommandGateway.class);
                }

                public long compiledMillis() {
                    return WarmUp.compiledMillis();
                }

                public void close() {
                    app.close();
                }
            };
        }

        static Sides separate(EmbeddedMongoServer server) throws IOException {
            Path folder = Files.createTempDirectory("bench-lag");
            List<String> arguments = new ArrayList<>(List.of(
                    "--spring.mongodb.uri=" + server.uri(EventStoreBenchmark.DATABASE),
                    "--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                    "--medborgarlofte.event-store.engine=sequenced", "--medborgarlofte.demo-data.enabled=false",
                    "--medborgarlofte.security.users-file=" + folder.resolve("users.json")));
            for (String key : List.of("medborgarlofte.event-store.batch-size", "medborgarlofte.event-store.fetch-delay")) {
                if (System.getProperty(key) != null) {
                    arguments.add("--" + key + "=" + System.getProperty(key));
                }
            }
            ConfigurableApplicationContext command = CommandSideApplication.builder()
                    .run(arguments.toArray(String[]::new));
            List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    QuerySideApplication.class.getName()));
            int queryPort = freePort();
            arguments.stream().map(argument -> argument.equals("--server.port=0") ? "--server.port=" + queryPort
                    : argument).forEach(java::add);
            Process query = new ProcessBuilder(java).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("query-side.log").toFile()).start();
            return new Sides() {
                public CommandGateway gateway() {
                    return command.getBean(CommandGateway.class);
                }

                public long compiledMillis() {
                    return WarmUp.compiledMillis() + queryCompiledMillis(queryPort);
                }

                public void close() throws Exception {
                    query.destroy();
                    query.waitFor(30, TimeUnit.SECONDS);
                    command.close();
                    Measure.delete(folder);
                }
            };
        }

        private static int freePort() throws IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        /** The query side's {@code jvm_compilation_time_ms_total} from its Prometheus endpoint (0 if it can't say). */
        private static long queryCompiledMillis(int port) {
            try {
                String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                return metrics.lines().filter(line -> line.startsWith("jvm_compilation_time_ms_total"))
                        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .sum();
            } catch (IOException | RuntimeException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }
}

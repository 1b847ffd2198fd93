package se.medborgarlofte.benchmark;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;

import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.local.LocalApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.insertOneLoop;
import static se.medborgarlofte.benchmark.Measure.progress;
import static se.medborgarlofte.benchmark.Measure.rate;
import static se.medborgarlofte.benchmark.Measure.ratio;
import static se.medborgarlofte.benchmark.EventStoreBenchmark.signPromises;

/**
 * Part 5, durable writes: the backend the local run uses (the embedded server, file-backed in a temporary folder),
 * where a write that asks for the journal is answered only after the file is synced. The raw limit is insertOne
 * with {@code j: true} (insert and sync, group commit shared by concurrent writers) on a server of its own;
 * RecordActivity through the CommandGateway is measured against it on the same backend, in turns with it
 * ({@link CommandRuns.Baseline}).
 */
final class DurableWritesPart {

    private static final String DATABASE = "medborgarlofte";
    private final Config config;
    private final BiFunction<EmbeddedMongoServer, String, LocalApplication> start;

    DurableWritesPart(Config config, EventStoreBenchmark benchmark) {
        this(config, (server, engine) -> benchmark.start(server, engine, Map.of()));
    }

    private DurableWritesPart(Config config, BiFunction<EmbeddedMongoServer, String, LocalApplication> start) {
        this.config = config;
        this.start = start;
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        int seconds = config.rawSeconds();
        progress("5/5 durable writes: file-backed embedded server, insert + sync, in turns with RecordActivity");
        Path folder = Files.createTempDirectory("bench-durable");
        try (EmbeddedMongoServer rawServer = EmbeddedMongoServer.fileBacked(folder.resolve("raw"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(rawServer.uri(DATABASE))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            Document template = Fixtures.rawEventDocument();
            insertOneLoop(db.getCollection("warmup").withWriteConcern(WriteConcern.JOURNALED), template, 8,
                    Math.max(1, seconds / 2), null);
            double unsynced1 = insertOneLoop(db.getCollection("plain"), template, 1, seconds, null);
            AtomicLong rawSyncs = new AtomicLong();
            AtomicLong rawInserts = new AtomicLong();
            AtomicLong slices = new AtomicLong();
            CommandRuns.Baseline durableInserts = (threads, slice) -> {
                long syncsBefore = rawServer.durableSyncs();
                double rate = insertOneLoop(db.getCollection("durable-" + slices.incrementAndGet())
                        .withWriteConcern(WriteConcern.JOURNALED), template, threads, slice, null);
                if (threads > 1) {
                    rawSyncs.addAndGet(rawServer.durableSyncs() - syncsBefore);
                    rawInserts.addAndGet(Math.round(rate * slice));
                }
                return rate;
            };
            CommandRuns runs;
            try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder.resolve("app"), "127.0.0.1", 0);
                 LocalApplication app = start.apply(server, "sequenced")) {
                app.querySide().close();
                CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
                signPromises(gateway, "durable", config.commandPromises());
                runs = CommandRuns.measure(gateway, "durable", config, "syncs", server::durableSyncs, durableInserts);
                if (runs.errors() > 0) {
                    notes.put("command errors (part 5)", runs.errors() + " RecordActivity commands failed");
                }
            }
            int slice = Math.max(1, config.commandSeconds() / CommandRuns.SLICES);
            notes.put("durable backend (part 5)", "file-backed embedded server (H2 MVStore) on this machine's disk; "
                    + "a journaled write is answered after commit + FileChannel.force; the limits D1/D8 (insertOne "
                    + "with j: true on a server of their own, file-backed too) and RecordActivity measured in turns: "
                    + String.format(Locale.ROOT, "%d slices of %d s each, each after a slice of the limit with as "
                    + "many threads; %,d syncs for %,d journaled inserts by %d threads; the same insertOne without "
                    + "the journal: %,.0f docs/s; ", CommandRuns.SLICES, slice, rawSyncs.get(), rawInserts.get(),
                    config.commandThreads(), unsynced1) + runs.note());
            String threads = config.commandThreads() + " threads";
            return List.of(
                    new Row("5", "durable insertOne (j: true), 1 thread", rate(runs.oneLimit(), "docs/s"), "1.00",
                            "= limit D1"),
                    new Row("5", "durable insertOne (j: true), " + threads, rate(runs.manyLimit(), "docs/s"), "1.00",
                            "= limit D8"),
                    new Row("5", "RecordActivity via CommandGateway, durable, 1 thread", rate(runs.one(), "cmd/s"),
                            ratio(runs.one(), runs.oneLimit()), "D1"),
                    new Row("5", "RecordActivity via CommandGateway, durable, " + threads, rate(runs.many(), "cmd/s"),
                            ratio(runs.many(), runs.manyLimit()), "D8"));
        } finally {
            Measure.delete(folder);
        }
    }
}

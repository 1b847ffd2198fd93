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
import java.util.function.BiFunction;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.insertOneLoop;
import static se.medborgarlofte.benchmark.Measure.progress;
import static se.medborgarlofte.benchmark.Measure.rate;
import static se.medborgarlofte.benchmark.Measure.ratio;
import static se.medborgarlofte.benchmark.EventStoreBenchmark.signPromises;

/**
 * Part 5, durable writes: the backend the local run uses (the embedded server, file-backed in a temporary folder),
 * where a write that asks for the journal is answered only after the file is synced. The raw limit is insertOne
 * with {@code j: true} (insert and sync, group commit shared by concurrent writers); RecordActivity through the
 * CommandGateway is measured against it on the same backend.
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
        progress("5/5 durable writes: file-backed embedded server, insert + sync, %d s each", seconds);
        Path folder = Files.createTempDirectory("bench-durable");
        try {
            double raw1;
            double raw8;
            double unsynced1;
            String syncs;
            try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder.resolve("raw"), "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(server.uri(DATABASE))) {
                MongoDatabase db = client.getDatabase(DATABASE);
                Document template = Fixtures.rawEventDocument();
                insertOneLoop(db.getCollection("warmup").withWriteConcern(WriteConcern.JOURNALED), template, 8,
                        Math.max(1, seconds / 2), null);
                unsynced1 = insertOneLoop(db.getCollection("plain"), template, 1, seconds, null);
                raw1 = insertOneLoop(db.getCollection("one").withWriteConcern(WriteConcern.JOURNALED), template, 1,
                        seconds, null);
                long before = server.durableSyncs();
                raw8 = insertOneLoop(db.getCollection("eight").withWriteConcern(WriteConcern.JOURNALED), template, 8,
                        seconds, null);
                syncs = String.format(Locale.ROOT, "%,d syncs for %,.0f journaled inserts by 8 threads",
                        server.durableSyncs() - before, raw8 * seconds);
            }
            double one;
            double many;
            String warmedUp;
            try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(folder.resolve("app"), "127.0.0.1", 0);
                 LocalApplication app = start.apply(server, "sequenced")) {
                app.querySide().close();
                CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
                signPromises(gateway, "durable", config.commandPromises());
                CommandRuns runs = CommandRuns.measure(gateway, "durable", config, "syncs", server::durableSyncs);
                one = runs.one();
                many = runs.many();
                warmedUp = "; " + runs.note();
                if (runs.errors() > 0) {
                    notes.put("command errors (part 5)", runs.errors() + " RecordActivity commands failed");
                }
            }
            notes.put("durable backend (part 5)", "file-backed embedded server (H2 MVStore) on this machine's disk; "
                    + "a journaled write is answered after commit + FileChannel.force; " + syncs
                    + String.format(Locale.ROOT, "; the same insertOne without the journal: %,.0f docs/s", unsynced1)
                    + warmedUp);
            return List.of(
                    new Row("5", "durable insertOne (j: true), 1 thread", rate(raw1, "docs/s"), "1.00", "= limit D1"),
                    new Row("5", "durable insertOne (j: true), 8 threads", rate(raw8, "docs/s"), "1.00", "= limit D8"),
                    new Row("5", "RecordActivity via CommandGateway, durable, 1 thread", rate(one, "cmd/s"),
                            ratio(one, raw1), "D1"),
                    new Row("5", "RecordActivity via CommandGateway, durable, " + config.commandThreads()
                                 + " threads", rate(many, "cmd/s"), ratio(many, raw8), "D8"));
        } finally {
            Measure.delete(folder);
        }
    }
}

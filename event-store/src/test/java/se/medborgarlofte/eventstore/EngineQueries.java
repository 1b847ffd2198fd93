package se.medborgarlofte.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queries the engine really sends, as the driver sends them (a {@link CommandListener} on the client): every
 * command that selects documents by a filter (find, findAndModify, update, delete), with its filter and sort.
 */
final class EngineQueries implements CommandListener {

    /** One command as sent; {@code shape} is its command, collection, filter and sort with the values left out. */
    record Query(String command, String collection, BsonDocument filter, BsonDocument sort, BsonDocument sent) {

        String shape() {
            return command + " " + collection + " " + withoutValues(filter) + (sort.isEmpty() ? "" : " sort " + sort);
        }

        /** The fields the filter selects on, in order, through {@code $and}. */
        Set<String> filterFields() {
            Set<String> fields = new LinkedHashSet<>();
            collectFields(filter, fields);
            return fields;
        }

        private static void collectFields(BsonDocument filter, Set<String> fields) {
            filter.forEach((key, value) -> {
                if (key.equals("$and")) {
                    value.asArray().forEach(clause -> collectFields(clause.asDocument(), fields));
                } else if (!key.startsWith("$")) {
                    fields.add(key);
                }
            });
        }

        private static String withoutValues(BsonValue value) {
            if (value.isDocument()) {
                return value.asDocument().entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + withoutValues(entry.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
            }
            if (value.isArray() && value.asArray().stream().allMatch(BsonValue::isDocument)) {
                return value.asArray().stream().map(EngineQueries.Query::withoutValues)
                        .collect(Collectors.joining(", ", "[", "]"));
            }
            return "?";
        }
    }

    private final String database;
    final List<Query> queries = new CopyOnWriteArrayList<>();

    EngineQueries(String database) {
        this.database = database;
    }

    /** A client whose commands on {@code database} this recorder sees. */
    MongoClient client(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString)).addCommandListener(this).build());
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!event.getDatabaseName().equals(database)) {
            return;
        }
        BsonDocument command = event.getCommand().clone();
        String name = event.getCommandName();
        String collection = command.get(name) != null && command.get(name).isString()
                ? command.getString(name).getValue() : "";
        switch (name) {
            case "find" -> queries.add(new Query(name, collection, command.getDocument("filter", new BsonDocument()),
                    command.getDocument("sort", new BsonDocument()), command));
            case "findAndModify" -> queries.add(new Query(name, collection,
                    command.getDocument("query", new BsonDocument()), command.getDocument("sort", new BsonDocument()),
                    command));
            case "update", "delete" -> {
                String statements = name.equals("update") ? "updates" : "deletes";
                for (BsonValue statement : command.getArray(statements, new BsonArray())) {
                    BsonDocument single = command.clone();
                    single.put(statements, new BsonArray(List.of(statement)));
                    queries.add(new Query(name, collection, statement.asDocument().getDocument("q"), new BsonDocument(),
                            single));
                }
            }
            default -> {
            }
        }
    }

    /** One example of each shape, in the order first sent. */
    Map<String, Query> byShape() {
        Map<String, Query> shapes = new LinkedHashMap<>();
        queries.forEach(query -> shapes.putIfAbsent(query.shape(), query));
        return shapes;
    }

    /**
     * Drives every path of the engine that reads: appends (one event and a batch), snapshots, an aggregate stream,
     * the last sequence number, tracking from the start and from a token with a gap, a gap closed after its timeout,
     * tokens at a time and at the head.
     */
    /**
     * The scan for events stored before the hash chain ({@link HashGenesis#coverAll}): sent once per database, then
     * never again (a marker entry says it is done), so it is a scan by design.
     */
    static boolean oncePerDatabase(String shape) {
        return shape.startsWith("find events {$and: [{hash: {$exists: ?}}, {tombstone: {$ne: ?}}]}");
    }

    static void exercise(MongoDatabase database) throws InterruptedException {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder().database(database)
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .batchSize(100).gapTimeout(Duration.ofMillis(100)).build();
        for (long i = 0; i < 200; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Promise", "p" + (i % 10), i / 10, "event " + i));
        }
        engine.appendEvents(new GenericDomainEventMessage<>("Promise", "batch", 0, "one"),
                new GenericDomainEventMessage<>("Promise", "batch", 1, "two"));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Promise", "p1", 5, "snapshot"));
        assertThat(engine.readSnapshot("p1")).isPresent();
        assertThat(engine.readEvents("p1", 6).asStream().count()).as("the events after the snapshot").isEqualTo(14);
        assertThat(engine.lastSequenceNumberFor("p1")).contains(19L);
        List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();
        assertThat(all).hasSize(202);
        // a writer that took a number and vanished: a gap, waited for, then closed
        database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                new Document("$inc", new Document("value", 1L)));
        engine.appendEvents(new GenericDomainEventMessage<>("Promise", "batch", 2, "three"));
        TrackingToken withGap = engine.readEvents(all.get(all.size() - 1).trackingToken(), false).toList().get(0)
                .trackingToken();
        engine.readEvents(withGap, false).toList();
        Thread.sleep(200);
        engine.readEvents(withGap, false).toList();
        assertThat(engine.createTokenAt(Instant.now().minusSeconds(3600))).isNull();
        assertThat(engine.createHeadToken()).isNotNull();
    }

    /** Index keys per collection, as the server lists them. */
    static Map<String, List<List<String>>> indexes(MongoDatabase database, Set<String> collections) {
        Map<String, List<List<String>>> indexes = new LinkedHashMap<>();
        for (String collection : collections) {
            List<List<String>> keys = new ArrayList<>();
            database.getCollection(collection).listIndexes()
                    .forEach(index -> keys.add(new ArrayList<>(index.get("key", Document.class).keySet())));
            indexes.put(collection, keys);
        }
        return indexes;
    }
}

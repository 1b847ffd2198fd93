package se.medborgarlofte.query.activity;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.query.generation.Generations;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.finding.FindingDocument;
import se.medborgarlofte.query.indexes.ReadModelIndexes;
import se.medborgarlofte.query.promise.PromiseDocument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real MongoDB, the indexes the query side creates at start exist, and every query the activity log really
 * sends (recorded from the driver: the log with each filter, the public log, its export, a promise's latest change)
 * is answered from them: {@code explain} shows the index, no collection scan, and no sort in memory for the log.
 * Runs wherever Docker exists; skipped elsewhere (the embedded server ignores non-unique indexes).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoActivityLogIndexTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    /** What the driver adds to a command that {@code explain} does not take inside it. */
    static final Set<String> NOT_EXPLAINED = Set.of("$db", "lsid", "$clusterTime", "txnNumber", "$readPreference",
            "readConcern", "writeConcern", "apiVersion", "apiStrict", "apiDeprecationErrors");

    @Test
    void theActivityLogsQueriesUseTheIndexesCreatedAtStart() {
        List<BsonDocument> finds = new CopyOnWriteArrayList<>();
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find") && event.getCommand().getString("find").getValue()
                        .equals("activities")) {
                    finds.add(event.getCommand().clone());
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MONGO.getReplicaSetUrl("index-test")))
                .addCommandListener(recorder).build())) {
            MongoTemplate mongo = Generations.atGenerationZero(new MongoTemplate(client, "index-test"));
            ReadModelIndexes.create(mongo, ActivityDocument.class, PromiseDocument.class, FindingDocument.class);
            assertThat(indexNames(mongo, "activities")).contains("promise_log", "promise_latest_change");
            assertThat(indexNames(mongo, "promises")).contains("list_order", "renewed_from");
            assertThat(indexNames(mongo, "findings")).contains("promise");
            store(mongo);
            finds.clear();

            ActivityLog log = new ActivityLog(mongo);
            log.find("p1", ActivityLog.Filter.counting());
            log.find("p1", new ActivityLog.Filter(ActivityKind.TRAFFIC_CONTROL, "c1", Party.POLICE,
                    LocalDate.of(2025, 2, 1), LocalDate.of(2025, 5, 31), "gatan", true));
            log.findPublic("p1", new ActivityLog.Filter(null, null, null, null, null, "torget", false));
            try (var export = log.stream("p2", ActivityLog.Filter.counting())) {
                assertThat(export.count()).isEqualTo(100);
            }
            log.latestChange("p3");

            assertThat(finds).hasSize(5);
            Map<String, String> plans = new LinkedHashMap<>();
            for (BsonDocument find : finds) {
                BsonDocument command = new BsonDocument();
                find.forEach((key, value) -> {
                    if (!NOT_EXPLAINED.contains(key)) {
                        command.put(key, value);
                    }
                });
                Document explain = mongo.getDb().runCommand(new BsonDocument("explain", command)
                        .append("verbosity", new BsonString("queryPlanner")));
                plans.put(command.toJson(), explain.get("queryPlanner", Document.class)
                        .get("winningPlan", Document.class).toJson());
            }
            plans.forEach((query, plan) -> {
                assertThat(plan).as(query).doesNotContain("COLLSCAN").contains("IXSCAN");
                if (query.contains("lastSequence")) {
                    assertThat(plan).as(query).contains("promise_latest_change");
                } else {
                    assertThat(plan).as(query).contains("promise_log").doesNotContain("\"SORT\"");
                }
            });
        }
    }

    static List<String> indexNames(MongoTemplate mongo, String collection) {
        List<String> names = new ArrayList<>();
        mongo.getCollection(collection).listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    /** 100 activities in each of three promises, so the planner has something to choose by. */
    static void store(MongoTemplate mongo) {
        for (String promise : List.of("p1", "p2", "p3")) {
            for (int i = 0; i < 100; i++) {
                ActivityDocument activity = new ActivityDocument();
                activity.id = promise + "/a" + i;
                activity.promiseId = promise;
                activity.activityId = "a" + i;
                activity.kind = i % 2 == 0 ? ActivityKind.TRAFFIC_CONTROL : ActivityKind.SAFETY_WALK;
                activity.occurredOn = LocalDate.of(2025, 1, 1).plusDays(i);
                activity.place = i % 3 == 0 ? "Storgatan" : "Torget";
                activity.performedBy = Party.POLICE;
                activity.commitmentIds = List.of("c1");
                activity.lastSequence = i;
                mongo.save(activity);
            }
        }
    }
}

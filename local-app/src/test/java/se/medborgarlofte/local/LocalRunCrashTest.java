package se.medborgarlofte.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run ({@code ./run}: one JVM, embedded file-backed MongoDB) killed with {@code kill -9} while four
 * clients record activities over HTTP, then started again on the same data: every record that was answered 2xx is
 * in the event store, and once the read models have caught up, in the activity log exactly once. Three cycles in
 * the build; {@code local-app/soak.sh} runs a hundred ({@code -Dcrash.cycles=100}) and prints the counts.
 */
class LocalRunCrashTest {

    private static final String PROMISE = "krasch-2025";
    private static final Pattern ACTIVITY_ID = Pattern.compile("\"activityId\":\\{\"value\":\"([^\"]+)\"");

    @TempDir
    Path data;

    @Test
    void noRecordThatWasAnswered2xxIsLostWhenTheLocalRunIsKilled() throws Exception {
        int cycles = Integer.getInteger("crash.cycles", 3);
        Path logs = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("local-run-crash");
        Files.createDirectories(logs);
        Files.copy(TestUsers.file(), data.resolve("users.json"));
        Random random = new Random();
        Set<String> acknowledged = new HashSet<>();
        long lost = 0;
        LocalRunProcess run = start(logs, 0);
        int cycle = 0;
        try {
            signPromise(run);
            for (cycle = 1; cycle <= cycles; cycle++) {
                List<String> answered = recordUntilKilled(run, cycle, 200 + random.nextInt(3000));
                acknowledged.addAll(answered);
                run = start(logs, cycle);
                Set<String> stored = storedActivityIds(run);
                List<String> missing = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
                lost += missing.size();
                System.out.printf("crash cycle %d: %d records answered 2xx in this cycle, %d in all, %d lost%n",
                        cycle, answered.size(), acknowledged.size(), missing.size());
                assertThat(answered).as("records answered in cycle %d", cycle).isNotEmpty();
                assertThat(missing).as("answered records missing from the event store after cycle %d", cycle)
                        .isEmpty();
                assertReadModelCatchesUpExactly(run, stored);
                assertThat(Files.readString(run.log)).as("the data file opened cleanly")
                        .doesNotContain("MVStoreException");
            }
        } finally {
            run.close();
            System.out.printf("crash test: %d kill -9 cycles, %d records answered 2xx, %d lost%n",
                    Math.min(cycle, cycles), acknowledged.size(), lost);
        }
    }

    private LocalRunProcess start(Path logs, int cycle) throws InterruptedException {
        LocalRunProcess run = new LocalRunProcess(data, logs.resolve("start-" + cycle + ".log"));
        run.awaitReady(Duration.ofSeconds(180));
        return run;
    }

    private static void signPromise(LocalRunProcess run) {
        Http admin = new Http(run.commandPort, "admin");
        Http.Response signed = admin.post("/api/promises", """
                {"promiseId": "%s", "title": "Medborgarlöfte Testby 2025", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
                 "signedOn": "2024-12-15",
                 "signatories": [{"name": "Eva Ek", "role": "Kommunstyrelsens ordförande", "side": "MUNICIPALITY"}],
                 "statement": "Vi lovar att arbeta för ökad trygghet i Testby.",
                 "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
                """.formatted(PROMISE));
        assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
        Http.Response added = admin.post("/api/promises/" + PROMISE + "/commitments", """
                {"commitmentId": "kontroller", "title": "Trafikkontroller", "description": "", "owner": "POLICE",
                 "focusArea": "TRAFFIC", "countedKinds": ["TRAFFIC_CONTROL"], "target": 100000}
                """);
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
    }

    /**
     * Four clients record until the process is killed, {@code killAfterMillis} after the first answer; returns the
     * ids answered 2xx.
     */
    private static List<String> recordUntilKilled(LocalRunProcess run, int cycle, long killAfterMillis)
            throws Exception {
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String prefix = "c" + cycle + "-k" + client + "-";
            Http police = new Http(run.commandPort, "polis");
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; !killed.get() || i == 0; i++) {
                    String id = prefix + i;
                    Http.Response response;
                    try {
                        response = police.post("/api/promises/" + PROMISE + "/activities", """
                                {"activityId": "%s", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-06-01",
                                 "place": "Riksväg 26", "performedBy": "POLICE", "commitmentIds": ["kontroller"]}
                                """.formatted(id));
                    } catch (RuntimeException e) {
                        return; // the connection died with the process
                    }
                    if (response.status() / 100 == 2) {
                        answered.add(id);
                    } else if (!killed.get()) {
                        throw new AssertionError("record " + id + " refused: " + response.raw());
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answered.isEmpty() && System.nanoTime() < deadline && clients.stream().noneMatch(CompletableFuture::isDone)) {
            Thread.sleep(10);
        }
        Thread.sleep(killAfterMillis);
        killed.set(true);
        run.kill();
        for (CompletableFuture<Void> client : clients) {
            client.get();
        }
        return answered;
    }

    private static Set<String> storedActivityIds(LocalRunProcess run) {
        Set<String> ids = new HashSet<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + run.mongoPort)) {
            client.getDatabase("medborgarlofte").getCollection("events")
                    .find(Filters.and(Filters.eq("aggregateIdentifier", PROMISE),
                            Filters.regex("payloadType", "ActivityRecorded$")))
                    .forEach((Document event) -> {
                        Matcher id = ACTIVITY_ID.matcher(event.getString("payload"));
                        assertThat(id.find()).as(event.getString("payload")).isTrue();
                        assertThat(ids.add(id.group(1))).as("stored once: " + id.group(1)).isTrue();
                    });
        }
        return ids;
    }

    /** The activity log reaches every stored record, each exactly once. */
    private static void assertReadModelCatchesUpExactly(LocalRunProcess run, Set<String> stored) throws Exception {
        Http query = new Http(run.queryPort);
        Map<String, Integer> shown = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            shown.clear();
            JsonNode log = query.get("/api/promises/" + PROMISE + "/activities").body();
            log.forEach(activity -> shown.merge(activity.get("activityId").asString(), 1, Integer::sum));
            if (shown.keySet().containsAll(stored)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(shown.keySet()).as("the activity log after catching up").isEqualTo(stored);
        assertThat(shown.values()).as("each record shown once").allMatch(count -> count == 1);
    }
}

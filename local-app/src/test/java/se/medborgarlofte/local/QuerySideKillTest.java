package se.medborgarlofte.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.query.generation.Generations;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.command.promise.ActivityChanges;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.query.tally.TallyStore;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static se.medborgarlofte.local.QuerySideProcess.awaitCondition;
import static se.medborgarlofte.local.ReadModelState.appliedButNotCommitted;
import static se.medborgarlofte.local.ReadModelState.assertSameDocuments;
import static se.medborgarlofte.local.ReadModelState.documents;
import static se.medborgarlofte.local.ReadModelState.tokenIndexes;
import static se.medborgarlofte.local.ReadModelState.withSortedKinds;

/**
 * Crash safety of the read models: the query side runs as its own JVM, replays a large event store with small
 * batches, and is killed hard ({@code kill -9}) in the middle of the replay, while the server holds back the token
 * of a batch whose read-model changes it has written ({@link TokenHoldingMongoServer}): the kill leaves events applied
 * to the read model beyond the saved tokens (so the restart delivers them again). Waiting for that moment by chance
 * (as this test did with tracking processors) hit it in about one kill of four with the pooled processors. After a restart it must end in exactly
 * the state a clean replay gives: every activity once, every correction counted once, every retraction kept.
 * <p>
 * The expected state is known twice over: from the commands the test sent (place, number of corrections,
 * retraction and the aggregate sequence number of the last event per activity), and from a clean replay of a copy
 * of the same events into a second database by a query side that is never killed; both must match document for
 * document.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QuerySideKillTest {

    private static final int PROMISES = 50;
    private static final int ACTIVITIES_PER_PROMISE = 80;
    private static final int TOTAL_ACTIVITIES = PROMISES * ACTIVITIES_PER_PROMISE;
    private static final String DATABASE = "medborgarlofte";
    private static final String CLEAN_DATABASE = "clean-replay";
    private static final LocalDate PERIOD_START = LocalDate.of(2025, 1, 1);
    private static final LocalDate PERIOD_END = LocalDate.of(2025, 12, 31);
    private static final CommitmentId COMMITMENT = CommitmentId.of("trygghet");
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(90);
    /**
     * Kills before giving up on seeing one that leaves applied but uncommitted events (each kill is later; a held
     * token may be that of a batch without activity events, which leaves none).
     */
    private static final int MAX_KILLS = 4;

    /** What the commands left behind for one activity. */
    static final class ExpectedActivity {
        final String promiseId;
        final String activityId;
        String place;
        int corrections;
        boolean retracted;
        /** The aggregate (promise) sequence number of the last event about this activity. */
        long lastSequence;

        ExpectedActivity(String promiseId, String activityId, String place, long lastSequence) {
            this.promiseId = promiseId;
            this.activityId = activityId;
            this.place = place;
            this.lastSequence = lastSequence;
        }

        String documentId() {
            return promiseId + "/" + activityId;
        }
    }

    /** Everything one promise's commands produced: its activities and how many events. */
    record PromiseWorkload(String promiseId, List<ExpectedActivity> activities, long events) {
    }

    @Test
    void aQuerySideKilledHardInTheMiddleOfAReplayEndsExactlyWhereACleanReplayEnds() throws Exception {
        long started = System.nanoTime();
        Path logs = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("query-side-kill");
        Files.createDirectories(logs);
        try (var old = Files.newDirectoryStream(logs, "*.log")) {
            for (Path log : old) {
                Files.delete(log);
            }
        }
        List<QuerySideProcess> processes = new ArrayList<>();
        List<CompletableFuture<ConfigurableApplicationContext>> contexts = new ArrayList<>();
        try (TokenHoldingMongoServer mongo = new TokenHoldingMongoServer();
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase(DATABASE);

            // 1. the workload, through the real command side
            Path users = TestUsers.file();
            List<PromiseWorkload> workload = writeWorkload(mongo.uri(DATABASE), users);
            Map<String, ExpectedActivity> expected = new TreeMap<>();
            workload.forEach(promise -> promise.activities().forEach(a -> expected.put(a.documentId(), a)));
            long expectedEvents = workload.stream().mapToLong(PromiseWorkload::events).sum();
            assertThat(expected).hasSize(TOTAL_ACTIVITIES);
            assertThat(database.getCollection("events").countDocuments()).as("events stored").isEqualTo(expectedEvents);
            assertThat(expected.values()).as("the workload corrects some activities twice")
                    .anyMatch(a -> a.corrections >= 2 && !a.retracted);
            assertThat(expected.values()).as("the workload retracts some corrected activities")
                    .anyMatch(a -> a.corrections >= 1 && a.retracted);
            log("workload: %d promises, %d activities (%d corrections, %d retracted), %d events in %d ms",
                    PROMISES, TOTAL_ACTIVITIES, expected.values().stream().mapToInt(a -> a.corrections).sum(),
                    expected.values().stream().filter(a -> a.retracted).count(), expectedEvents, millisSince(started));

            // the same events in a second database, for a replay that nobody interrupts
            copyCollection(database, client.getDatabase(CLEAN_DATABASE), "events");
            copyCollection(database, client.getDatabase(CLEAN_DATABASE), "eventCounters");

            // 2. the query side as its own JVM, replaying in small batches; beside it, the reference: a query side
            //    replaying the copy, never interrupted
            QuerySideProcess first = QuerySideProcess.start(mongo.uri(DATABASE), users, logs.resolve("1-killed.log"), true);
            processes.add(first);
            //    (in this JVM, where it starts faster; it is never killed, so it needs no process of its own)
            CompletableFuture<ConfigurableApplicationContext> clean = CompletableFuture.supplyAsync(() ->
                    QuerySideApplication.builder().run("--spring.mongodb.uri=" + mongo.uri(CLEAN_DATABASE),
                            "--server.port=0", "--spring.main.register-shutdown-hook=false",
                            "--medborgarlofte.security.users-file=" + users));
            contexts.add(clean);
            MongoCollection<Document> activities = database.getCollection("activities");

            // 3. kill -9 while part, but clearly not all, of the activity log is built, and again (later each time)
            //    until the kill has left events whose effect is in the read model but which the tokens don't cover:
            //    the restarted process gets those again and must skip them, which is what this test is about
            QuerySideProcess running = first;
            int redelivered = 0;
            for (int kill = 1; kill <= MAX_KILLS && redelivered == 0; kill++) {
                long threshold = TOTAL_ACTIVITIES * kill / 10;
                awaitCondition("the query side to replay " + threshold + " activities", CATCH_UP_TIMEOUT.multipliedBy(2),
                        Duration.ofMillis(10), running, () -> activities.countDocuments() >= threshold);
                // killed while the server holds the next token of the activity log: its batch is written, it is not
                TokenHoldingMongoServer.Hold hold = mongo.holdNextStoredToken("activities");
                hold.awaitHeld(Duration.ofSeconds(30));
                running.killHard();
                hold.discard();
                long afterKill = activities.countDocuments();
                assertThat(running.exitCode()).as("killed by SIGKILL, no shutdown").isEqualTo(137);
                assertThat(afterKill).as("killed in the middle of the replay").isLessThan(TOTAL_ACTIVITIES);
                Map<Integer, Long> tokens = tokenIndexes(database, "activities");
                redelivered = appliedButNotCommitted(database, tokens);
                log("kill %d at %d of %d activities built (%d ms): tokens at %s; %d activity events past them are "
                    + "already applied and will be delivered again", kill, afterKill, TOTAL_ACTIVITIES,
                        millisSince(started), tokens, redelivered);
                // 4. restart it, with the same arguments
                running = QuerySideProcess.start(mongo.uri(DATABASE), users,
                        logs.resolve((kill + 1) + "-restarted.log"), true);
                processes.add(running);
            }
            assertThat(redelivered).as("events applied before a kill but not covered by its tokens, in " + MAX_KILLS
                                       + " kills").isPositive();
            QuerySideProcess restarted = running;

            clean.get(CATCH_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitCondition("the clean replay to catch up", CATCH_UP_TIMEOUT, Duration.ofMillis(500), null,
                    () -> caughtUp(client.getDatabase(CLEAN_DATABASE), expected));
            log("clean replay caught up at %d ms", millisSince(started));
            clean.get().close();
            awaitCondition("the restarted query side to catch up", CATCH_UP_TIMEOUT, Duration.ofMillis(500), restarted,
                    () -> caughtUp(database, expected));
            log("restarted query side caught up at %d ms", millisSince(started));

            // exactly the expected state: nothing missing, nothing counted twice
            assertActivities(database, expected);
            assertPromises(database, workload);
            // and exactly what a clean replay of the same events gives, field for field
            assertSameDocuments("activities", documents(database, "activities"),
                    documents(client.getDatabase(CLEAN_DATABASE), "activities"));
            assertSameDocuments("promises", withSortedKinds(documents(database, "promises")),
                    withSortedKinds(documents(client.getDatabase(CLEAN_DATABASE), "promises")));
            // the tallies progress is read from: what the activity documents add up to, and what a clean replay gives
            Tallies.assertMatchActivities(Generations.atGenerationZero(new MongoTemplate(client, DATABASE)));
            assertSameDocuments(TallyStore.COLLECTION, tallies(database), tallies(client.getDatabase(CLEAN_DATABASE)));
            assertThat(restarted.isAlive()).as("the restarted query side is still running").isTrue();
            log("done in %d ms", millisSince(started));
        } finally {
            processes.forEach(QuerySideProcess::destroy);
            contexts.forEach(context -> context.thenAccept(ConfigurableApplicationContext::close));
        }
    }

    // --- the workload ---------------------------------------------------------------------------------------

    /**
     * Sent from one thread, so the event stream is the same on every run. (Concurrent appends would also collide
     * here: the embedded server applies {@code $inc} atomically, but its {@code findAndModify} may return a document
     * that already includes a concurrent increment, so two appends can be handed the same global sequence number.)
     */
    private static List<PromiseWorkload> writeWorkload(String mongoUri, Path users) {
        ConfigurableApplicationContext commandSide = CommandSideApplication.builder().run(
                "--spring.mongodb.uri=" + mongoUri, "--server.port=0", "--spring.main.register-shutdown-hook=false",
                "--medborgarlofte.security.users-file=" + users, "--medborgarlofte.demo-data.enabled=false",
                TestClock.argument());
        try {
            CommandGateway gateway = commandSide.getBean(CommandGateway.class);
            List<PromiseWorkload> result = new ArrayList<>();
            for (int p = 0; p < PROMISES; p++) {
                result.add(writePromise(gateway, p));
            }
            return result;
        } finally {
            commandSide.close();
        }
    }

    /**
     * One promise: signed, one JOINT commitment, 80 activities; after each recording, maybe a correction of an
     * earlier (or this) activity and maybe a retraction, so corrections and retractions are spread over the whole
     * event stream. Seeded per promise: the same workload every run.
     */
    private static PromiseWorkload writePromise(CommandGateway gateway, int index) {
        Random random = new Random(4711L + index);
        String promiseId = "kill-%02d".formatted(index);
        PromiseId id = PromiseId.of(promiseId);
        long sequence = -1;

        send(gateway, new SignPromise(id, new PromiseTerms("Medborgarlöfte Testby " + index, List.of("Testby"),
                "Lokalpolisområde Testby", PERIOD_START, PERIOD_END, LocalDate.of(2024, 12, 15),
                List.of(new Signatory("Eva Ek", "Kommunstyrelsens ordförande", Party.MUNICIPALITY),
                        new Signatory("Per Polis", "Lokalpolisområdeschef", Party.POLICE)),
                "Vi lovar att arbeta för ökad trygghet.", List.of(), "Uppföljning varje kvartal",
                List.of(new FocusArea("SAFETY", "Trygghet")))));
        sequence++;
        send(gateway, new AddCommitment(id, COMMITMENT, new CommitmentTerms("Trygghetsarbete", "", Party.JOINT,
                "SAFETY", Set.of(ActivityKind.TRAFFIC_CONTROL, ActivityKind.SAFETY_WALK), 100)));
        sequence++;

        List<ExpectedActivity> activities = new ArrayList<>();
        List<ExpectedActivity> open = new ArrayList<>();
        for (int i = 0; i < ACTIVITIES_PER_PROMISE; i++) {
            String activityId = "a%03d".formatted(i);
            String place = "plats-" + activityId;
            ActivityKind kind = i % 2 == 0 ? ActivityKind.TRAFFIC_CONTROL : ActivityKind.SAFETY_WALK;
            ActivityDetails details = new ActivityDetails(kind,
                    PERIOD_START.plusDays((index * 7L + i * 4L) % 250), place,
                    i % 3 == 0 ? Party.POLICE : i % 3 == 1 ? Party.MUNICIPALITY : Party.JOINT,
                    List.of(COMMITMENT), List.of("Kommunpolis"), Map.of(OutcomeMeasures.of(kind).get(0).key(), i),
                    "aktivitet " + i);
            Object recorded = send(gateway, new RecordActivity(id, ActivityId.of(activityId), details, false));
            assertThat(recorded).isEqualTo(RecordingResult.RECORDED);
            ExpectedActivity activity = new ExpectedActivity(promiseId, activityId, place, ++sequence);
            activities.add(activity);
            open.add(activity);

            if (random.nextInt(100) < 25) {
                ExpectedActivity corrected = open.get(random.nextInt(open.size()));
                String newPlace = "plats-" + corrected.activityId + "-rättad-" + (corrected.corrections + 1);
                send(gateway, new CorrectActivity(id, ActivityId.of(corrected.activityId),
                        new ActivityChanges(null, null, newPlace, null, null, null, null, null), "x"));
                corrected.place = newPlace;
                corrected.corrections++;
                corrected.lastSequence = ++sequence;
            }
            if (random.nextInt(100) < 8) {
                ExpectedActivity retracted = open.remove(random.nextInt(open.size()));
                send(gateway, new RetractActivity(id, ActivityId.of(retracted.activityId), "x"));
                retracted.retracted = true;
                retracted.lastSequence = ++sequence;
            }
        }
        return new PromiseWorkload(promiseId, activities, sequence + 1);
    }

    /** As the service does: every command carries who sent it (here the system itself, allowed everything). */
    private static Object send(CommandGateway gateway, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("role", "SYSTEM", "userId", "kill-test")));
    }

    private static void copyCollection(MongoDatabase from, MongoDatabase to, String name) {
        List<Document> batch = new ArrayList<>();
        for (Document document : from.getCollection(name).find()) {
            batch.add(document);
            if (batch.size() == 500) {
                to.getCollection(name).insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            to.getCollection(name).insertMany(batch);
        }
    }

    // --- checks ---------------------------------------------------------------------------------------------

    /** Every activity and promise document has applied the last event about it. */
    private static boolean caughtUp(MongoDatabase database, Map<String, ExpectedActivity> expected) {
        Map<String, Document> activities = documents(database, "activities");
        if (activities.size() < expected.size()) {
            return false;
        }
        for (ExpectedActivity activity : expected.values()) {
            Document document = activities.get(activity.documentId());
            if (document == null || document.getLong("lastSequence") < activity.lastSequence) {
                return false;
            }
        }
        Map<String, Document> promises = documents(database, "promises");
        return promises.size() >= PROMISES && promises.values().stream().allMatch(p -> p.getLong("lastSequence") >= 1);
    }

    private static void assertActivities(MongoDatabase database, Map<String, ExpectedActivity> expected) {
        assertThat(database.getCollection("activities").countDocuments()).as("activity documents")
                .isEqualTo(TOTAL_ACTIVITIES);
        Map<String, List<Document>> byActivity = new HashMap<>();
        for (Document document : database.getCollection("activities").find()) {
            byActivity.computeIfAbsent(document.getString("promiseId") + "/" + document.getString("activityId"),
                    key -> new ArrayList<>()).add(document);
        }
        assertThat(byActivity.keySet()).as("the activities in the read model").isEqualTo(expected.keySet());
        List<String> wrong = new ArrayList<>();
        for (ExpectedActivity activity : expected.values()) {
            List<Document> found = byActivity.get(activity.documentId());
            if (found.size() != 1) {
                wrong.add(activity.documentId() + ": " + found.size() + " documents");
                continue;
            }
            Document document = found.get(0);
            String actual = "place=" + document.getString("place") + ", corrections=" + document.getInteger("corrections")
                            + ", retracted=" + document.getBoolean("retracted")
                            + ", lastSequence=" + document.getLong("lastSequence");
            String wanted = "place=" + activity.place + ", corrections=" + activity.corrections
                            + ", retracted=" + activity.retracted + ", lastSequence=" + activity.lastSequence;
            if (!actual.equals(wanted)) {
                wrong.add(activity.documentId() + ": expected " + wanted + " but was " + actual);
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + expected.size() + " activities are wrong after the kill and restart, e.g.:\n"
                 + String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
        }
    }

    private static void assertPromises(MongoDatabase database, List<PromiseWorkload> workload) {
        Map<String, Document> promises = documents(database, "promises");
        assertThat(promises.keySet()).as("promise documents")
                .containsExactlyInAnyOrderElementsOf(workload.stream().map(PromiseWorkload::promiseId).toList());
        assertThat(database.getCollection("promises").countDocuments()).isEqualTo(PROMISES);
        promises.forEach((id, promise) -> {
            List<Document> commitments = promise.getList("commitments", Document.class);
            assertThat(commitments).as("commitments of " + id).hasSize(1);
            assertThat(commitments.get(0).getString("commitmentId")).isEqualTo(COMMITMENT.value());
            assertThat(promise.getLong("lastSequence")).as("last sequence of " + id).isEqualTo(1L);
        });
    }

    /** The tally documents, without the marker that says when they were first counted. */
    private static Map<String, Document> tallies(MongoDatabase database) {
        Map<String, Document> tallies = documents(database, TallyStore.COLLECTION);
        tallies.remove(TallyStore.BACKFILLED);
        return tallies;
    }

    // --- processes ------------------------------------------------------------------------------------------

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.println("[QuerySideKillTest] " + format.formatted(args));
    }
}

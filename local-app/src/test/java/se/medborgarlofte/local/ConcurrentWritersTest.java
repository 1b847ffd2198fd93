package se.medborgarlofte.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.command.promise.ActivityChanges;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.eventstore.AppendHook;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.query.activity.ActivityDocument;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.medborgarlofte.local.ConcurrentWorkload.COMMITMENT;

/**
 * Two command-side instances (separate application contexts, each with its own engine and connection pool), eight
 * writers between them recording, correcting and retracting activities and assessing commitments in hot and cold
 * promises, random delays between taking a global sequence number and inserting, appends that fail after taking
 * one, and writers that vanish after taking one. When the writers stop, the real read models ({@code promises} and
 * {@code activities}: tracking processors, two segments each) have seen every stored event exactly once, their
 * figures (corrections, retractions, assessments) are exactly what the commands did, and the tokens are small.
 * <p>
 * Exactly once is counted by a probe in each of the two processing groups: it is handed every event the group's
 * processor delivers, in the same batches as the read model. The read-model handlers skip repeats, so a repeat
 * would not change a figure there; the probe shows whether one happened at all.
 */
class ConcurrentWritersTest {

    static final int WRITERS = 8;
    static final int ROUNDS_PER_WRITER = 220;
    static final int MAX_ATTEMPTS = 10;

    static final java.nio.file.Path USERS = TestUsers.file();
    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final String uri = server.uri("concurrency");
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final AtomicInteger injectedFailures = new AtomicInteger();
    /** Failed attempts the test saw, by kind ("injected", "conflict"); any other kind fails the test at once. */
    final Map<String, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();
    volatile boolean chaos = true;

    /** Sleeps or fails between taking a number and inserting, for a share of the appends. */
    final AppendHook chaosHook = (first, count) -> {
        if (!chaos) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int dice = random.nextInt(100);
        if (dice < 4) {
            injectedFailures.incrementAndGet();
            throw new IllegalStateException("injected: append fails after taking global sequence " + first);
        }
        if (dice < 30) {
            try {
                Thread.sleep(random.nextInt(1, 40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    /** Counts how often each event reaches a processing group, by event id. */
    abstract static class DeliveryProbe {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            deliveries.computeIfAbsent(event.getIdentifier(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @ProcessingGroup(PromiseProjection.GROUP)
    public static class PromisesProbe extends DeliveryProbe {
    }

    @ProcessingGroup(ActivityProjection.GROUP)
    public static class ActivitiesProbe extends DeliveryProbe {
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.mongodb.uri=" + uri, "--server.port=0",
                "--medborgarlofte.security.users-file=" + USERS, TestClock.argument(),
                "--spring.main.register-shutdown-hook=false", "--logging.level.org.axonframework=ERROR"));
        all.addAll(List.of(args));
        ConfigurableApplicationContext context = builder.run(all.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private ConfigurableApplicationContext commandSide() {
        return start(CommandSideApplication.builder().initializers(context ->
                ((GenericApplicationContext) context).registerBean("appendHook", AppendHook.class, () -> chaosHook)));
    }

    @Test
    void theRealReadModelsSeeEveryStoredEventExactlyOnce() throws Exception {
        List<CommandGateway> gateways = List.of(commandSide().getBean(CommandGateway.class),
                commandSide().getBean(CommandGateway.class));
        ConfigurableApplicationContext querySide = start(QuerySideApplication.builder().initializers(context -> {
            ((GenericApplicationContext) context).registerBean(PromisesProbe.class);
            ((GenericApplicationContext) context).registerBean(ActivitiesProbe.class);
        }), "--medborgarlofte.event-store.gap-timeout=1s");
        Map<String, DeliveryProbe> probes = Map.of(PromiseProjection.GROUP, querySide.getBean(PromisesProbe.class),
                ActivityProjection.GROUP, querySide.getBean(ActivitiesProbe.class));

        ConcurrentWorkload workload = new ConcurrentWorkload();
        chaos = false;
        for (String promise : workload.promises) {
            sendWithRetries(gateways.get(0), new SignPromise(new PromiseId(promise), ConcurrentWorkload.terms(promise)));
            sendWithRetries(gateways.get(0), new AddCommitment(new PromiseId(promise), COMMITMENT,
                    ConcurrentWorkload.COMMITMENT_TERMS));
        }
        chaos = true;

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            CommandGateway gateway = gateways.get(w % 2);
            done.add(writers.submit(() -> {
                write(workload, writer, gateway);
                return null;
            }));
        }
        // writers that die between taking a number and inserting: only the readers' gap timeout closes these
        AtomicInteger vanished = new AtomicInteger();
        Future<?> crasher = writers.submit(() -> {
            try (MongoClient client = MongoClients.create(uri)) {
                while (vanished.get() < 10) {
                    Thread.sleep(200);
                    client.getDatabase("concurrency").getCollection("eventCounters").updateOne(
                            eq("_id", "globalIndex"), new Document("$inc", new Document("value", 1L)));
                    vanished.incrementAndGet();
                }
            }
            return null;
        });
        for (Future<?> future : done) {
            future.get();
        }
        crasher.get();
        writers.shutdown();
        chaos = false;

        try (MongoClient client = MongoClients.create(uri)) {
            StoredEvents stored = StoredEvents.read(client.getDatabase("concurrency"));
            assertThat(injectedFailures.get()).as("failures were injected").isPositive();
            assertThat(workload.corrections()).as("the workload corrects").isGreaterThan(100);
            assertThat(workload.retractions()).as("the workload retracts").isGreaterThan(30);
            assertThat(workload.assessments()).as("the workload assesses").isGreaterThan(10);
            stored.assertHolds(workload);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    probes.values().stream().allMatch(p -> p.deliveries.size() >= stored.eventIds.size()));
            probes.forEach((group, probe) -> {
                assertThat(probe.deliveries.keySet()).as("events delivered to " + group)
                        .containsExactlyInAnyOrderElementsOf(stored.eventIds);
                assertThat(probe.deliveries.entrySet()).as("events delivered to " + group + " more than once")
                        .filteredOn(delivery -> delivery.getValue().get() != 1).isEmpty();
            });
            MongoTemplate readModels = querySide.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertReadModels(readModels, workload, stored));

            TokenStore tokens = querySide.getBean(TokenStore.class);
            for (String group : probes.keySet()) {
                assertThat(gaps(tokens, group)).as("open gaps of " + group + " right after the writers stop: at most "
                                                   + "the vanished ones").isLessThanOrEqualTo(vanished.get());
            }
            // one more event after the gap timeout: every gap is closed and no token carries one
            Thread.sleep(1_500);
            sendWithRetries(gateways.get(0), new RecordActivity(new PromiseId("cold-0"), new ActivityId("last"),
                    ConcurrentWorkload.activity(1), false));
            await().atMost(Duration.ofSeconds(20)).until(() -> probes.values().stream()
                    .allMatch(p -> p.deliveries.size() == stored.eventIds.size() + 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> gaps(tokens, PromiseProjection.GROUP) == 0
                                                               && gaps(tokens, ActivityProjection.GROUP) == 0);
        }
        int commands = workload.commands();
        assertThat(failedAttempts.values().stream().mapToInt(AtomicInteger::get).sum())
                .as("failed attempts %s of %d commands", failedAttempts, commands).isLessThan(commands / 20);
    }

    /** One writer: records activities, and now and then corrects or retracts one of its own or assesses. */
    private void write(ConcurrentWorkload workload, int writer, CommandGateway gateway) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<ConcurrentWorkload.Activity> open = new ArrayList<>();
        for (int i = 0; i < ROUNDS_PER_WRITER; i++) {
            ConcurrentWorkload.Activity activity = workload.newActivity(writer, i, random);
            Object result = sendWithRetries(gateway, new RecordActivity(new PromiseId(activity.promise),
                    new ActivityId(activity.id), ConcurrentWorkload.activity(i), false));
            assertThat(result).as("a failed attempt stored nothing, so the retry records it").isEqualTo(
                    RecordingResult.RECORDED);
            open.add(activity);
            int dice = random.nextInt(100);
            if (dice < 20) {
                ConcurrentWorkload.Activity corrected = open.get(random.nextInt(open.size()));
                String place = "Plats " + corrected.id + " rättad " + (corrected.corrections + 1);
                sendWithRetries(gateway, new CorrectActivity(new PromiseId(corrected.promise),
                        new ActivityId(corrected.id),
                        new ActivityChanges(null, null, place, null, null, null, null, null), "Fel plats"));
                corrected.corrected(place);
            } else if (dice < 27) {
                ConcurrentWorkload.Activity retracted = open.remove(random.nextInt(open.size()));
                sendWithRetries(gateway, new RetractActivity(new PromiseId(retracted.promise),
                        new ActivityId(retracted.id), "Dubbelregistrerad"));
                retracted.retracted = true;
            } else if (dice < 30) {
                String promise = workload.promises.get(random.nextInt(workload.promises.size()));
                sendWithRetries(gateway, new AssessCommitment(new PromiseId(promise), COMMITMENT,
                        LocalDate.of(2025, 6, 1), PaceStatus.ON_TRACK, "Bedömning " + writer + "-" + i));
                workload.assessed(promise);
            }
        }
    }

    static void assertReadModels(MongoTemplate readModels, ConcurrentWorkload workload, StoredEvents stored) {
        Map<String, ActivityDocument> activities = new HashMap<>();
        readModels.findAll(ActivityDocument.class).forEach(document -> activities.put(document.id, document));
        assertThat(activities.keySet()).as("activities in the read model")
                .containsExactlyInAnyOrderElementsOf(workload.activities.keySet());
        List<String> wrong = new ArrayList<>();
        workload.activities.forEach((id, expected) -> {
            ActivityDocument document = activities.get(id);
            String actual = document.place + ", " + document.corrections + " corrections, retracted " + document.retracted;
            String wanted = expected.place + ", " + expected.corrections + " corrections, retracted " + expected.retracted;
            if (!actual.equals(wanted)) {
                wrong.add(id + ": " + actual + " instead of " + wanted);
            }
        });
        assertThat(wrong).as("activities whose figures differ from the commands").isEmpty();
        Map<String, PromiseDocument> promises = new HashMap<>();
        readModels.findAll(PromiseDocument.class).forEach(document -> promises.put(document.promiseId, document));
        assertThat(promises.keySet()).containsExactlyInAnyOrderElementsOf(workload.promises);
        for (String promise : workload.promises) {
            PromiseDocument document = promises.get(promise);
            assertThat(document.commitments.get(0).assessments).as("assessments of " + promise)
                    .hasSize(workload.assessmentsOf(promise));
            assertThat(document.lastSequence).as("last event applied to " + promise)
                    .isEqualTo(stored.lastPromiseEvent.getOrDefault(promise, -1L));
        }
        // what progress is computed from: each activity counted once, retracted ones taken back
        Tallies.assertMatchActivities(readModels);
    }

    private static int gaps(TokenStore tokens, String group) {
        int gaps = 0;
        for (int segment : tokens.fetchSegments(group)) {
            if (tokens.fetchToken(group, segment) instanceof GapAwareTrackingToken token) {
                gaps += token.getGaps().size();
            }
        }
        return gaps;
    }

    /** As the service itself would: commands carry who sent them. */
    private static Object send(CommandGateway gateway, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("role", "SYSTEM", "userId", "concurrency-test")));
    }

    /**
     * Retries only what the test provokes on purpose: an injected append failure, or a conflict with a concurrent
     * writer of the same promise that outlasted the command gateway's own retries. Any other error fails the test
     * at once, and so does a command still failing after {@value #MAX_ATTEMPTS} attempts.
     */
    private Object sendWithRetries(CommandGateway gateway, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(gateway, command);
            } catch (RuntimeException e) {
                String kind = expectedFailure(e);
                if (kind == null) {
                    throw new AssertionError("unexpected failure of " + command, e);
                }
                failedAttempts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new AssertionError(command + " still failed after " + attempt + " attempts", e);
                }
            }
        }
    }

    private static String expectedFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().startsWith("injected:")) {
                return "injected";
            }
            if (cause instanceof ConcurrencyException) {
                return "conflict";
            }
        }
        return null;
    }
}

package se.medborgarlofte.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.eventstore.AppendHook;
import se.medborgarlofte.eventstore.EmbeddedMongoServer;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;
import se.medborgarlofte.query.QuerySideApplication;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-side instances (separate application contexts, each with its own engine and connection pool), eight
 * writers between them, hot and cold promises, random delays between taking a global sequence number and inserting,
 * and appends that fail after taking one. When the writers stop, every read model has seen every stored event
 * exactly once, and the tracking token is small.
 */
class ConcurrentWritersTest {

    static final int WRITERS = 8;
    static final int ACTIVITIES_PER_WRITER = 300;
    static final List<String> HOT = List.of("hot-0", "hot-1");
    static final int COLD = 30;

    static final java.nio.file.Path USERS = TestUsers.file();
    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final String uri = server.uri("concurrency");
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final AtomicInteger injectedFailures = new AtomicInteger();
    final AtomicInteger injectedDelays = new AtomicInteger();
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
            injectedDelays.incrementAndGet();
            try {
                Thread.sleep(random.nextInt(1, 40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    /** Counts how often each event reaches a processing group, by event id. */
    @ProcessingGroup("audit")
    public static class DeliveryCounter {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            deliveries.computeIfAbsent(event.getIdentifier(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.mongodb.uri=" + uri, "--server.port=0",
                "--medborgarlofte.security.users-file=" + USERS,
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
    void everyStoredEventIsSeenExactlyOnceByEveryReadModel() throws Exception {
        List<CommandGateway> gateways = List.of(commandSide().getBean(CommandGateway.class),
                commandSide().getBean(CommandGateway.class));
        ConfigurableApplicationContext querySide = start(QuerySideApplication.builder().initializers(context ->
                        ((GenericApplicationContext) context).registerBean(DeliveryCounter.class)),
                "--medborgarlofte.event-store.gap-timeout=1s",
                "--axon.eventhandling.processors.audit.mode=pooled",
                "--axon.eventhandling.processors.audit.initial-segment-count=1");
        DeliveryCounter counter = querySide.getBean(DeliveryCounter.class);

        List<String> promises = new ArrayList<>(HOT);
        for (int i = 0; i < COLD; i++) {
            promises.add("cold-" + i);
        }
        chaos = false;
        for (String promise : promises) {
            send(gateways.get(0), new SignPromise(new PromiseId(promise), terms(promise)));
            send(gateways.get(0), new AddCommitment(new PromiseId(promise), new CommitmentId("c"), COMMITMENT));
        }
        chaos = true;

        Map<String, AtomicInteger> recordedPerPromise = new ConcurrentHashMap<>();
        AtomicInteger failedAttempts = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            CommandGateway gateway = gateways.get(w % 2);
            done.add(writers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < ACTIVITIES_PER_WRITER; i++) {
                    String promise = random.nextBoolean() ? HOT.get(random.nextInt(HOT.size()))
                            : promises.get(HOT.size() + random.nextInt(COLD));
                    RecordActivity command = new RecordActivity(new PromiseId(promise),
                            new ActivityId("w" + writer + "-" + i), activity(i), false);
                    sendWithRetries(gateway, command, failedAttempts);
                    recordedPerPromise.computeIfAbsent(promise, p -> new AtomicInteger()).incrementAndGet();
                }
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

        MongoClient client = MongoClients.create(uri);
        try {
            MongoDatabase database = client.getDatabase("concurrency");
            Map<String, Long> storedPerPromise = new HashMap<>();
            for (String promise : promises) {
                storedPerPromise.put(promise, database.getCollection("events").countDocuments(and(
                        eq("aggregateIdentifier", promise), eq("payloadType", ActivityRecorded.class.getName()))));
            }
            Map<String, Long> expected = new HashMap<>();
            recordedPerPromise.forEach((promise, count) -> expected.put(promise, (long) count.get()));
            promises.forEach(promise -> expected.putIfAbsent(promise, 0L));
            assertThat(storedPerPromise).as("the store holds each activity exactly once").isEqualTo(expected);
            assertThat(injectedFailures.get()).as("failures were injected").isPositive();

            List<String> storedEventIds = new ArrayList<>();
            database.getCollection("events").find(ne("tombstone", true))
                    .forEach((Document d) -> storedEventIds.add(d.getString("eventIdentifier")));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> counter.deliveries.size() >= storedEventIds.size()
                                 && readModelCount(database) == WRITERS * ACTIVITIES_PER_WRITER);
            assertThat(counter.deliveries.keySet()).containsExactlyInAnyOrderElementsOf(storedEventIds);
            assertThat(counter.deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            for (String promise : promises) {
                assertThat(database.getCollection("activities").countDocuments(eq("promiseId", promise)))
                        .as("activities read model of " + promise).isEqualTo(storedPerPromise.get(promise));
            }
            assertThat(database.getCollection("promises").countDocuments()).isEqualTo(promises.size());

            TokenStore tokens = querySide.getBean(TokenStore.class);
            GapAwareTrackingToken token = gapAware(tokens.fetchToken("audit", 0));
            assertThat(token.getGaps().size()).as("open gaps right after the writers stop: at most the vanished ones")
                    .isLessThanOrEqualTo(vanished.get());
            // one more event after the gap timeout: every gap is closed and the token carries none
            Thread.sleep(1_500);
            sendWithRetries(gateways.get(0), new RecordActivity(new PromiseId("cold-0"), new ActivityId("last"),
                    activity(1), false), failedAttempts);
            await().atMost(Duration.ofSeconds(20)).until(() -> counter.deliveries.size() == storedEventIds.size() + 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> gapAware(tokens.fetchToken("audit", 0)).getGaps().isEmpty());
        } finally {
            client.close();
        }
    }

    private static long readModelCount(MongoDatabase database) {
        return database.getCollection("activities").countDocuments();
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        return (GapAwareTrackingToken) token;
    }

    /** As the service itself would: commands carry who sent them. */
    private static void send(CommandGateway gateway, Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("role", "SYSTEM", "userId", "concurrency-test")));
    }

    private static void sendWithRetries(CommandGateway gateway, Object command, AtomicInteger failedAttempts) {
        for (int attempt = 0; ; attempt++) {
            try {
                send(gateway, command);
                return;
            } catch (RuntimeException e) {
                failedAttempts.incrementAndGet();
                if (attempt > 50) {
                    throw e;
                }
            }
        }
    }

    static final CommitmentTerms COMMITMENT = new CommitmentTerms("Trafikkontroller", "", Party.POLICE, "TRAFFIC",
            Set.of(ActivityKind.TRAFFIC_CONTROL), 100);

    static PromiseTerms terms(String title) {
        return new PromiseTerms(title, List.of("Testby"), "LPO Testby", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 1),
                List.of(new Signatory("Eva", "KSO", Party.MUNICIPALITY)), "Vi lovar", List.of(), "",
                List.of(new FocusArea("TRAFFIC", "Trafik")));
    }

    static ActivityDetails activity(int i) {
        return new ActivityDetails(ActivityKind.TRAFFIC_CONTROL, LocalDate.of(2025, 1, 1).plusDays(i % 300),
                "Plats " + i, Party.POLICE, List.of(new CommitmentId("c")), List.of(), Map.of(), "");
    }
}

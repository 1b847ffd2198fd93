package se.medborgarlofte.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.command.promise.ActivityChanges;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.finding.FindingProjection;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.medborgarlofte.local.ConcurrentWorkload.COMMITMENT;

/**
 * Issue 12, part 6, in one JVM (no Docker engine here): query-side replicas, each an application context of its own
 * on one event store, share the read models' segments while a command side records, corrects and retracts
 * activities and assesses commitments on 32 promises.
 * <ol>
 *     <li><b>Split</b>: replica A starts alone and claims every segment; B starts (under load) and A hands it half:
 *     each holds one of the two segments of every processing group. Every stored event has reached each group
 *     exactly once across A and B (delivered once, in a batch that committed; none rolled back), the read models
 *     are exactly what the commands did, and both replicas report a read position at the head of the store.</li>
 *     <li><b>Stop</b>: B is closed in the middle of a write load; A claims B's segments within the claim timeout
 *     (B released them on its way out). Still exactly once across A and B, and the read models exact.</li>
 *     <li><b>Crash</b>: C starts and takes half from A; then A's token store fails from one moment on, in the middle
 *     of a batch, as a crashed process's would: A stores no more tokens and releases no claims. C claims A's segments
 *     once the claim timeout has passed (not before), and processes from A's stored tokens on. The batches A had
 *     not committed (rolled back; their read-model changes may be written, their tokens are not) reach C again:
 *     these, and only these, are delivered twice, and the read models skip what they already applied, so they end
 *     exact. Every event is committed exactly once across A, B and C.</li>
 * </ol>
 * Deliveries are counted by a probe in each processing group of each replica, handed every event in the same batch
 * (unit of work) as the read model, and told whether that batch committed or rolled back.
 * <p>
 * Each replica here gets a token store of its own: the app names the owner of a claim by the JVM ({@code pid@host},
 * the same for every context in one JVM, which would let each context take over the other's claims), and its claim
 * timeout (10 s, not configurable: {@code axon.eventhandling.tokenstore.claim-timeout} configures only Axon's JPA and
 * JDBC token stores) is shortened to {@value #CLAIM_TIMEOUT_MILLIS} ms.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoQueryReplicasTest {

    static final long CLAIM_TIMEOUT_MILLIS = 3_000;
    static final Duration CLAIM_TIMEOUT = Duration.ofMillis(CLAIM_TIMEOUT_MILLIS);
    /** How often an idle coordinator looks for segments to claim, and a busy one checks its share. */
    static final long CLAIM_INTERVAL_MILLIS = 500;
    static final List<String> GROUPS = List.of(PromiseProjection.GROUP, ActivityProjection.GROUP,
            FindingProjection.GROUP);
    static final int SEGMENTS = 2;
    static final long GAP_TIMEOUT_MILLIS = 1_000;
    static final int WRITERS = 3;
    /** Most rounds a writer makes before it is stopped (it is stopped well before). */
    static final int MAX_ROUNDS = 2_000;
    static final String DATABASE = "replicas";

    static final Path USERS = TestUsers.file();
    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final String uri = server.uri(DATABASE);
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final ConcurrentWorkload workload = new ConcurrentWorkload();
    final AtomicInteger writerNumbers = new AtomicInteger();
    final Map<String, AtomicInteger> conflicts = new ConcurrentHashMap<>();
    CommandGateway gateway;

    /** What one processing group of one replica was handed: per event id, deliveries and how their batches ended. */
    abstract static class Probe {
        final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> rolledBack = new ConcurrentHashMap<>();
        /** Run once, in the middle of the next batch (before its read-model changes are written and its token stored). */
        volatile Runnable atNextDelivery;

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            String id = event.getIdentifier();
            count(delivered, id);
            UnitOfWork<?> batch = CurrentUnitOfWork.get();
            batch.afterCommit(u -> count(committed, id));
            batch.onRollback(u -> count(rolledBack, id));
            Runnable action = atNextDelivery;
            if (action != null) {
                atNextDelivery = null;
                action.run();
            }
        }

        private static void count(Map<String, AtomicInteger> counts, String id) {
            counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @ProcessingGroup(PromiseProjection.GROUP)
    public static class PromisesProbe extends Probe {
    }

    @ProcessingGroup(ActivityProjection.GROUP)
    public static class ActivitiesProbe extends Probe {
    }

    @ProcessingGroup(FindingProjection.GROUP)
    public static class FindingsProbe extends Probe {
    }

    /**
     * A replica's token store: its own owner name and the short claim timeout; from {@link #crash()} on, every call
     * fails, as calls from a process that has died never arrive (nothing stored, extended or released).
     */
    static final class CrashableTokenStore implements TokenStore {
        private final TokenStore store;
        private volatile boolean crashed;

        CrashableTokenStore(TokenStore store) {
            this.store = store;
        }

        void crash() {
            crashed = true;
        }

        private void alive() {
            if (crashed) {
                throw new IllegalStateException("crashed: this replica's token store calls never arrive");
            }
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount) {
            alive();
            store.initializeTokenSegments(processorName, segmentCount);
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
            alive();
            store.initializeTokenSegments(processorName, segmentCount, initialToken);
        }

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            alive();
            store.storeToken(token, processorName, segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            alive();
            return store.fetchToken(processorName, segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
            alive();
            return store.fetchToken(processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            alive();
            store.extendClaim(processorName, segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            alive();
            store.releaseClaim(processorName, segment);
        }

        @Override
        public void initializeSegment(TrackingToken token, String processorName, int segment) {
            alive();
            store.initializeSegment(token, processorName, segment);
        }

        @Override
        public void deleteToken(String processorName, int segment) {
            alive();
            store.deleteToken(processorName, segment);
        }

        @Override
        public boolean requiresExplicitSegmentInitialization() {
            return store.requiresExplicitSegmentInitialization();
        }

        @Override
        public int[] fetchSegments(String processorName) {
            alive();
            return store.fetchSegments(processorName);
        }

        @Override
        public List<Segment> fetchAvailableSegments(String processorName) {
            alive();
            return store.fetchAvailableSegments(processorName);
        }

        @Override
        public Optional<String> retrieveStorageIdentifier() {
            alive();
            return store.retrieveStorageIdentifier();
        }
    }

    /** One query-side replica: its context, its token store and its probes. */
    final class Replica {
        final String name;
        final ConfigurableApplicationContext context;
        final CrashableTokenStore tokens;
        final Map<String, Probe> probes;

        Replica(String name) {
            this.name = name;
            CrashableTokenStore[] store = new CrashableTokenStore[1];
            this.context = QuerySideApplication.builder().initializers(initializing -> {
                GenericApplicationContext context = (GenericApplicationContext) initializing;
                context.registerBean(PromisesProbe.class);
                context.registerBean(ActivitiesProbe.class);
                context.registerBean(FindingsProbe.class);
                context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String beanName) {
                        if (!(bean instanceof MongoTokenStore)) {
                            return bean;
                        }
                        store[0] = new CrashableTokenStore(MongoTokenStore.builder()
                                .mongoTemplate(context.getBean(MongoTemplate.class))
                                .serializer(context.getBean(Serializer.class))
                                .claimTimeout(CLAIM_TIMEOUT)
                                .nodeId("replica-" + name)
                                .build());
                        return store[0];
                    }
                });
            }).run(arguments());
            contexts.add(context);
            this.tokens = store[0];
            assertThat(tokens).as("replica %s's token store", name).isNotNull();
            this.probes = Map.of(PromiseProjection.GROUP, context.getBean(PromisesProbe.class),
                    ActivityProjection.GROUP, context.getBean(ActivitiesProbe.class),
                    FindingProjection.GROUP, context.getBean(FindingsProbe.class));
        }

        private String[] arguments() {
            List<String> arguments = new ArrayList<>(List.of("--spring.mongodb.uri=" + uri, "--server.port=0",
                    "--medborgarlofte.security.users-file=" + USERS, TestClock.argument(),
                    "--spring.main.register-shutdown-hook=false", "--logging.level.org.axonframework=ERROR",
                    "--logging.level.se.medborgarlofte.query.replicas=WARN",
                    // heartbeats: seen within 300 ms, gone after 1.5 s (below the claim timeout, as in production)
                    "--medborgarlofte.replicas.heartbeat=300ms", "--medborgarlofte.replicas.expiry=1500ms",
                    "--medborgarlofte.replicas.claim-extension=500ms",
                    // a command that loses a race on a hot promise leaves its global sequence number empty: a gap
                    // that holds the read position back until it is given up
                    "--medborgarlofte.event-store.gap-timeout=" + GAP_TIMEOUT_MILLIS + "ms"));
            for (String group : GROUPS) {
                arguments.add("--axon.eventhandling.processors." + group + ".token-claim-interval="
                              + CLAIM_INTERVAL_MILLIS);
            }
            return arguments.toArray(String[]::new);
        }

        StreamingEventProcessor processor(String group) {
            return context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
        }

        int claimed(String group) {
            return processor(group).processingStatus().size();
        }

        boolean holds(int segments) {
            return GROUPS.stream().allMatch(group -> claimed(group) == segments);
        }

        long readPosition() {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Http.Response answer = new Http(port, "lasare").get("/api/operations/read-position");
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            return answer.body().get("position").asLong();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void theReplicasShareTheSegmentsAndTakeOverFromOneThatStopsOrCrashes() throws Exception {
        long started = System.nanoTime();
        ConfigurableApplicationContext commandSide = CommandSideApplication.builder().run(
                "--spring.mongodb.uri=" + uri, "--server.port=0", "--medborgarlofte.security.users-file=" + USERS,
                TestClock.argument(), "--spring.main.register-shutdown-hook=false",
                "--logging.level.org.axonframework=ERROR");
        contexts.add(commandSide);
        gateway = commandSide.getBean(CommandGateway.class);
        for (String promise : workload.promises) {
            send(new SignPromise(new PromiseId(promise), ConcurrentWorkload.terms(promise)));
            send(new AddCommitment(new PromiseId(promise), COMMITMENT, ConcurrentWorkload.COMMITMENT_TERMS));
        }

        // 1. the split: A alone claims everything; B joins while the writers write, and A hands it half
        Replica a = new Replica("a");
        assertThat(processorOf(a)).as("the read models' processors").isInstanceOf(PooledStreamingEventProcessor.class);
        awaitHeld("A alone holds every segment", Duration.ofSeconds(15), () -> a.holds(SEGMENTS));
        Writers writers = new Writers();
        Replica b = new Replica("b");
        awaitHeld("A and B hold one segment of each group each", Duration.ofSeconds(15),
                () -> a.holds(1) && b.holds(1));
        int beforeSplit = b.probes.get(ActivityProjection.GROUP).committed.size();
        log(started, "split: A and B hold one segment of each group each");
        writers.awaitMore(300).finish();
        assertEveryEventCommittedOnce(List.of(a, b), null, a);
        assertThat(b.probes.get(ActivityProjection.GROUP).committed.size()).as("events B processed after the split")
                .isGreaterThan(beforeSplit);
        log(started, "events committed in activities: A %d, B %d", a.probes.get(ActivityProjection.GROUP).committed
                .size(), b.probes.get(ActivityProjection.GROUP).committed.size());
        log(started, "phase 1 exact: %d events", head());
        oneMoreEventAfterTheGapTimeout();
        awaitReadPosition(head(), a, b);

        // 2. B stops in the middle of a write load: it releases its claims, and A claims them within the claim timeout
        writers = new Writers().awaitMore(150);
        long closing = System.nanoTime();
        b.context.close();
        long closed = millisSince(closing);
        awaitHeld("A takes over B's segments", CLAIM_TIMEOUT.plusSeconds(5), () -> a.holds(SEGMENTS));
        long takeover = millisSince(closing);
        log(started, "B closed in %d ms; A held every segment %d ms after B began to close", closed, takeover);
        assertThat(takeover).as("ms from B's close until A held every segment").isLessThanOrEqualTo(
                CLAIM_TIMEOUT_MILLIS);
        writers.awaitMore(150).finish();
        assertEveryEventCommittedOnce(List.of(a, b), null, a);
        log(started, "phase 2 exact");

        // 3. C joins and takes half; then A crashes in the middle of a batch: C waits out A's claims, then takes over
        writers = new Writers();
        Replica c = new Replica("c");
        awaitHeld("A and C hold one segment of each group each", Duration.ofSeconds(15),
                () -> a.holds(1) && c.holds(1));
        assertThat(a.probes.values()).as("A rolled back no batch before it crashed")
                .allMatch(probe -> probe.rolledBack.isEmpty());
        AtomicLong crashedAt = new AtomicLong();
        a.probes.get(ActivityProjection.GROUP).atNextDelivery = () -> {
            a.tokens.crash();
            crashedAt.set(System.nanoTime());
        };
        await("A crashes").atMost(Duration.ofSeconds(10)).until(() -> crashedAt.get() != 0);
        a.context.close();
        awaitHeld("C takes over the crashed A's segments", CLAIM_TIMEOUT.plusSeconds(5), () -> c.holds(SEGMENTS));
        long sinceCrash = millisSince(crashedAt.get());
        log(started, "A crashed; C held every segment %d ms after the crash", sinceCrash);
        assertThat(sinceCrash).as("ms from A's crash until C held every segment: A's claims time out, and C looks "
                                  + "for free segments every %d ms", CLAIM_INTERVAL_MILLIS)
                .isBetween(CLAIM_TIMEOUT_MILLIS / 2, CLAIM_TIMEOUT_MILLIS + CLAIM_INTERVAL_MILLIS + 1_500);
        writers.awaitMore(150).finish();
        assertEveryEventCommittedOnce(List.of(a, b, c), a, c);
        int replayed = a.probes.values().stream().mapToInt(probe -> probe.rolledBack.size()).sum();
        assertThat(replayed).as("events of batches A rolled back when it crashed, delivered again to C").isPositive();
        oneMoreEventAfterTheGapTimeout();
        awaitReadPosition(head(), c);
        log(started, "phase 3 exact; %d deliveries of rolled-back batches were made again; conflicts retried: %s",
                replayed, conflicts);
    }

    private static StreamingEventProcessor processorOf(Replica replica) {
        return replica.processor(ActivityProjection.GROUP);
    }

    /**
     * Every stored event has reached every group in exactly one batch that committed, across the replicas; every
     * delivery ended in a commit or a rollback; rollbacks only in the crashed replica (if any), and there only of
     * events that were then committed elsewhere. Then the read models are exactly what the commands did.
     */
    private void assertEveryEventCommittedOnce(List<Replica> replicas, Replica crashed, Replica running) {
        StoredEvents stored;
        try (MongoClient client = MongoClients.create(uri)) {
            stored = StoredEvents.read(client.getDatabase(DATABASE));
        }
        stored.assertHolds(workload);
        await("every stored event committed in every group").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> GROUPS.stream().allMatch(group ->
                        sum(replicas, group, probe -> probe.committed).keySet().containsAll(stored.eventIds)));
        for (String group : GROUPS) {
            Map<String, Integer> committed = sum(replicas, group, probe -> probe.committed);
            assertThat(committed.keySet()).as("events committed in " + group)
                    .containsExactlyInAnyOrderElementsOf(stored.eventIds);
            assertThat(committed.entrySet()).as("events committed more than once in " + group)
                    .filteredOn(entry -> entry.getValue() != 1).isEmpty();
            for (Replica replica : replicas) {
                Probe probe = replica.probes.get(group);
                Map<String, Integer> ended = new HashMap<>();
                probe.committed.forEach((id, n) -> ended.merge(id, n.get(), Integer::sum));
                probe.rolledBack.forEach((id, n) -> ended.merge(id, n.get(), Integer::sum));
                Map<String, Integer> delivered = new HashMap<>();
                probe.delivered.forEach((id, n) -> delivered.put(id, n.get()));
                assertThat(ended).as("deliveries to %s in %s, each ended in a commit or a rollback", replica, group)
                        .isEqualTo(delivered);
                if (replica != crashed) {
                    assertThat(probe.rolledBack).as("batches %s rolled back in %s", replica, group).isEmpty();
                }
            }
        }
        ConcurrentWritersTest.assertReadModels(running.context.getBean(
                org.springframework.data.mongodb.core.MongoTemplate.class), workload, stored);
    }

    private static Map<String, Integer> sum(List<Replica> replicas, String group,
                                            java.util.function.Function<Probe, Map<String, AtomicInteger>> counts) {
        Map<String, Integer> sum = new HashMap<>();
        for (Replica replica : replicas) {
            counts.apply(replica.probes.get(group)).forEach((id, n) -> sum.merge(id, n.get(), Integer::sum));
        }
        return sum;
    }

    /**
     * Every replica answers {@code GET /api/operations/read-position} with at least {@code head}: the segments it
     * holds as it processes them, the others as their holders stored them.
     */
    private void awaitReadPosition(long head, Replica... replicas) {
        try {
            await("the read position of " + List.of(replicas) + " reaches the head " + head)
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> java.util.Arrays.stream(replicas).allMatch(r -> r.readPosition() >= head));
        } catch (RuntimeException e) {
            StringBuilder state = new StringBuilder();
            for (Replica replica : replicas) {
                state.append("\n").append(replica).append(": read position ").append(replica.readPosition());
            }
            try (MongoClient client = MongoClients.create(uri)) {
                for (Document token : client.getDatabase(DATABASE).getCollection("trackingtokens").find()) {
                    Object raw = token.get("token");
                    state.append("\n").append(token.get("processorName")).append('/').append(token.get("segment"))
                            .append(" owned by ").append(token.get("owner")).append(": ")
                            .append(raw instanceof org.bson.types.Binary binary
                                    ? new String(binary.getData(), java.nio.charset.StandardCharsets.UTF_8) : raw);
                }
            }
            throw new AssertionError(e.getMessage() + state, e);
        }
    }

    /**
     * A command that loses a race on a hot promise (the command gateway retries it) leaves the global sequence number
     * it took empty: a gap, which holds the read position back until the readers give it up, once it is older than
     * the gap timeout and they read the next event. This is that next event (recorded as the writers' are).
     */
    private void oneMoreEventAfterTheGapTimeout() throws InterruptedException {
        Thread.sleep(GAP_TIMEOUT_MILLIS + 300);
        ConcurrentWorkload.Activity last = workload.newActivity(writerNumbers.getAndIncrement(), 0,
                ThreadLocalRandom.current());
        assertThat(send(new RecordActivity(new PromiseId(last.promise), new ActivityId(last.id),
                ConcurrentWorkload.activity(0), false))).isEqualTo(RecordingResult.RECORDED);
    }

    /** How long it took until {@code held}; fails after {@code atMost}. */
    private static Duration awaitHeld(String what, Duration atMost, BooleanSupplier held) {
        long from = System.nanoTime();
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(held::getAsBoolean);
        return Duration.ofNanos(System.nanoTime() - from);
    }

    private long head() {
        try (MongoClient client = MongoClients.create(uri)) {
            Document last = client.getDatabase(DATABASE).getCollection("events").find()
                    .sort(Sorts.descending("globalIndex")).first();
            return last == null ? -1 : last.getLong("globalIndex");
        }
    }

    /** {@value #WRITERS} writers, each with activity ids of its own, writing until {@link #finish()}. */
    final class Writers {
        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        private final List<Future<?>> done = new ArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();

        Writers() {
            for (int w = 0; w < WRITERS; w++) {
                int writer = writerNumbers.getAndIncrement();
                done.add(threads.submit(() -> {
                    write(writer, stopping);
                    return null;
                }));
            }
        }

        /** Waits until the writers have sent {@code commands} more commands. */
        Writers awaitMore(int commands) {
            int target = workload.commands() + commands;
            await("the writers send " + commands + " more commands").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> workload.commands() >= target);
            return this;
        }

        void finish() throws Exception {
            stopping.set(true);
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
    }

    /** Records activities, and now and then corrects or retracts one of its own, or assesses a commitment. */
    private void write(int writer, AtomicBoolean stopping) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<ConcurrentWorkload.Activity> open = new ArrayList<>();
        for (int i = 0; i < MAX_ROUNDS && !stopping.get(); i++) {
            ConcurrentWorkload.Activity activity = workload.newActivity(writer, i, random);
            assertThat(send(new RecordActivity(new PromiseId(activity.promise), new ActivityId(activity.id),
                    ConcurrentWorkload.activity(i), false))).isEqualTo(RecordingResult.RECORDED);
            open.add(activity);
            int dice = random.nextInt(100);
            if (dice < 20) {
                ConcurrentWorkload.Activity corrected = open.get(random.nextInt(open.size()));
                String place = "Plats " + corrected.id + " rättad " + (corrected.corrections + 1);
                send(new CorrectActivity(new PromiseId(corrected.promise), new ActivityId(corrected.id),
                        new ActivityChanges(null, null, place, null, null, null, null, null), "Fel plats"));
                corrected.corrected(place);
            } else if (dice < 27) {
                ConcurrentWorkload.Activity retracted = open.remove(random.nextInt(open.size()));
                send(new RetractActivity(new PromiseId(retracted.promise), new ActivityId(retracted.id),
                        "Dubbelregistrerad"));
                retracted.retracted = true;
            } else if (dice < 30) {
                String promise = workload.promises.get(random.nextInt(workload.promises.size()));
                send(new AssessCommitment(new PromiseId(promise), COMMITMENT, LocalDate.of(2025, 6, 1),
                        PaceStatus.ON_TRACK, "Bedömning " + writer + "-" + i));
                workload.assessed(promise);
            }
            Thread.sleep(10);
        }
    }

    /** As the service itself would (commands carry who sent them); a lost race on a hot promise is sent again. */
    private Object send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of("role", "SYSTEM", "userId", "replicas-test")));
            } catch (RuntimeException e) {
                if (!(isConflict(e) && attempt < 10)) {
                    throw e;
                }
                conflicts.computeIfAbsent(command.getClass().getSimpleName(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void log(long started, String format, Object... arguments) {
        System.out.printf("[TwoQueryReplicasTest %5d ms] %s%n", millisSince(started), format.formatted(arguments));
    }
}

package se.medborgarlofte.query.rebuild;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.activity.ActivityDocument;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.finding.FindingDocument;
import se.medborgarlofte.query.finding.FindingProjection;
import se.medborgarlofte.query.generation.GenerationRegistry;
import se.medborgarlofte.query.generation.Generations;
import se.medborgarlofte.query.generation.ReadModelCollections;
import se.medborgarlofte.query.generation.WriteTarget;
import se.medborgarlofte.query.indexes.ReadModelIndexes;
import se.medborgarlofte.query.position.StoredTokens;
import se.medborgarlofte.query.problems.EventProblemLog;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseProjection;
import se.medborgarlofte.query.replicas.QueryReplicas;
import se.medborgarlofte.query.tally.TallyStore;
import se.medborgarlofte.query.web.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Starts rebuilds of the read models on this replica ({@link RebuildJob}) and tells how they stand (from the
 * registry, so every replica gives the same answer). One rebuild per read model at a time, across replicas; one
 * whose replica has not been heard from for {@link #SILENT} may be started again.
 */
@Component
public class Rebuilds implements AutoCloseable {

    static final Duration SILENT = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final EventProblemLog problems;
    private final ReadModelCollections collections;
    private final EventStore eventStore;
    private final StoredTokens tokens;
    private final QueryReplicas replicas;
    private final Configuration axon;
    private final Map<String, RebuildJob> running = new ConcurrentHashMap<>();

    Rebuilds(MongoTemplate mongo, EventProblemLog problems, ReadModelCollections collections, EventStore eventStore,
             org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate, Serializer serializer,
             QueryReplicas replicas, Configuration axon) {
        this.mongo = mongo;
        this.problems = problems;
        this.collections = collections;
        this.eventStore = eventStore;
        this.tokens = new StoredTokens(axonMongoTemplate.trackingTokensCollection(), serializer);
        this.replicas = replicas;
        this.axon = axon;
    }

    public List<RebuildView> all() {
        return collections.registry().all().values().stream().map(RebuildView::of).toList();
    }

    public RebuildView of(String group) {
        return RebuildView.of(collections.registry().of(known(group)));
    }

    /** Starts a rebuild of {@code group} here; refused while one runs anywhere. */
    public RebuildView start(String group) {
        known(group);
        Instant now = Instant.now();
        GenerationRegistry registry = collections.registry();
        int generation = registry.claim(group, collections.replica(), now, now.minus(SILENT));
        if (generation < 0) {
            throw new RebuildRunningException(group);
        }
        prepare(group, generation);
        RebuildJob job = new RebuildJob(group, generation, handler(group, generation), eventStore, collections,
                tokens, replicas);
        running.put(group, job);
        Thread thread = new Thread(() -> {
            try {
                job.run();
            } finally {
                running.remove(group, job);
            }
        }, "rebuild-" + group);
        thread.setDaemon(true);
        thread.start();
        return of(group);
    }

    /**
     * Empties the new generation's collections and creates their indexes; drops the group's older generations
     * (all but the active one), which no replica has read since the last swap.
     */
    private void prepare(String group, int generation) {
        int active = collections.active(group);
        for (String base : Generations.COLLECTIONS.get(group)) {
            Pattern ofBase = Pattern.compile(Pattern.quote(base) + "(_g\\d+)?");
            for (String name : mongo.getCollectionNames()) {
                if (ofBase.matcher(name).matches() && !name.equals(Generations.collection(base, active))) {
                    mongo.dropCollection(name);
                }
            }
        }
        switch (group) {
            case PromiseProjection.GROUP -> ReadModelIndexes.create(mongo, PromiseDocument.class,
                    Generations.collection("promises", generation));
            case FindingProjection.GROUP -> ReadModelIndexes.create(mongo, FindingDocument.class,
                    Generations.collection("findings", generation));
            default -> {
                ReadModelIndexes.create(mongo, ActivityDocument.class, Generations.collection("activities", generation));
                TallyStore.markCounted(mongo, Generations.collection(TallyStore.COLLECTION, generation));
            }
        }
    }

    /** The group's projection, writing into {@code generation}, called as the live processor calls it. */
    private AnnotationEventHandlerAdapter handler(String group, int generation) {
        WriteTarget target = WriteTarget.generation(generation);
        Object projection = switch (group) {
            case PromiseProjection.GROUP -> new PromiseProjection(mongo, problems, target);
            case FindingProjection.GROUP -> new FindingProjection(mongo, problems, target);
            default -> new ActivityProjection(mongo, problems, target);
        };
        return new AnnotationEventHandlerAdapter(projection, axon.parameterResolverFactory(),
                axon.handlerDefinition(projection.getClass()));
    }

    private static String known(String group) {
        if (!Generations.COLLECTIONS.containsKey(group)) {
            throw new NotFoundException("Det finns ingen läsmodell som heter " + group
                                        + ". Läsmodellerna är promises, activities och findings.");
        }
        return group;
    }

    @Override
    public void close() {
        running.values().forEach(RebuildJob::stop);
    }
}

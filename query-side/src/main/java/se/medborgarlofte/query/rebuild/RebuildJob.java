package se.medborgarlofte.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.generation.GenerationRegistry;
import se.medborgarlofte.query.generation.ReadModelCollections;
import se.medborgarlofte.query.position.StoredTokens;
import se.medborgarlofte.query.replicas.QueryReplicas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds one read model into a new generation of its collections and makes it the active one. The live
 * processor goes on writing into the active generation meanwhile, and the public goes on reading it.
 * <ol>
 *   <li><b>Rebuild.</b> The job reads the event stream from its start, in batches, and applies each with the same
 *   projection code the live processor runs ({@link FlushAtEndOfBatch}: one read and one bulk write per batch),
 *   into the new generation only, and goes on reading at the head.</li>
 *   <li><b>Flip</b> once it has caught up: it has applied every event up to a position ({@link
 *   SwapCondition#coveredThrough}) at or beyond every live segment's stored token. The new generation becomes the
 *   active one, in the swapping phase: readers use it, and a live batch that begins now waits instead of writing.
 *   A live batch that began before, on any replica, may still write into the old generation; each replica
 *   acknowledges the flip once none of its batches does any more (their tokens are stored by then).</li>
 *   <li><b>Stop</b> once every live replica has acknowledged and the job has applied every event up to every live
 *   segment's token read after that: the live processors write into the new generation again (the waiting
 *   batches go on), and the job stops.</li>
 * </ol>
 * Nothing is skipped: every event a live batch wrote into the old generation lies at or below a token stored
 * before the acknowledgements, so the job has applied it to the new one before any live batch writes there; every
 * later event is applied by the live processor, or by the job first and then skipped by the live processor.
 * Nothing is counted twice: the job and the live processor never write into the new generation at the same time,
 * both apply a document's events in order, and each skips an event at or below the document's {@code lastSequence}
 * (a tally's included). If the job fails, the old generation stays (or is again) the active one: the live
 * processors wrote nothing meanwhile but into it.
 */
final class RebuildJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RebuildJob.class);
    static final int BATCH_SIZE = 200;
    private static final long PROGRESS_MILLIS = 250;

    private final String group;
    private final int generation;
    private final EventMessageHandler handler;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final ReadModelCollections collections;
    private final GenerationRegistry registry;
    private final StoredTokens tokens;
    private final QueryReplicas replicas;
    private volatile boolean stopped;

    RebuildJob(String group, int generation, EventMessageHandler handler,
               StreamableMessageSource<TrackedEventMessage<?>> events, ReadModelCollections collections,
               StoredTokens tokens, QueryReplicas replicas) {
        this.group = group;
        this.generation = generation;
        this.handler = handler;
        this.events = events;
        this.collections = collections;
        this.registry = collections.registry();
        this.tokens = tokens;
        this.replicas = replicas;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        log.info("Rebuilding read model '{}' into generation {} from the start of the event stream", group, generation);
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            TrackingToken token = null;
            long applied = 0;
            long lastProgress = 0;
            boolean flipped = false;
            Long target = null;
            while (!stopped) {
                List<TrackedEventMessage<?>> batch = next(stream);
                if (!batch.isEmpty()) {
                    apply(batch);
                    token = batch.get(batch.size() - 1).trackingToken();
                    applied += batch.size();
                }
                long covered = SwapCondition.coveredThrough(token);
                if (batch.size() < BATCH_SIZE || System.currentTimeMillis() - lastProgress > PROGRESS_MILLIS) {
                    lastProgress = System.currentTimeMillis();
                    if (!registry.progress(group, generation, applied, covered, head(), Instant.now())) {
                        log.warn("Rebuild of read model '{}' (generation {}) is no longer the running one; stopping",
                                group, generation);
                        return;
                    }
                }
                if (!flipped) {
                    if (batch.size() < BATCH_SIZE && SwapCondition.caughtUp(covered, tokens.of(group).values())) {
                        flipped = registry.flip(group, generation, Instant.now());
                        collections.refresh();
                        if (flipped) {
                            log.info("Read model '{}': generation {} caught up at position {} after {} events; "
                                     + "reading it now, swapping", group, generation, covered, applied);
                        }
                    }
                } else if (target == null) {
                    if (SwapCondition.everyReplicaAcknowledged(replicas.liveIds(), registry.of(group).acks())) {
                        target = SwapCondition.target(tokens.of(group).values());
                    }
                } else if (covered >= target) {
                    registry.finish(group, generation, Instant.now());
                    collections.refresh();
                    log.info("Read model '{}' swapped to generation {} at position {} ({} events applied)", group,
                            generation, covered, applied);
                    return;
                }
            }
            fail("Frågesidan stoppades under återuppbyggnaden");
        } catch (Exception | Error e) {
            log.error("Rebuild of read model '{}' into generation {} failed; the previous generation stays active",
                    group, generation, e);
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void fail(String failure) {
        try {
            registry.fail(group, generation, failure, Instant.now());
            collections.refresh();
        } catch (RuntimeException e) {
            log.error("Could not record the failed rebuild of '{}'", group, e);
        }
    }

    private long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static List<TrackedEventMessage<?>> next(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            while (batch.size() < BATCH_SIZE && stream.hasNextAvailable()) {
                batch.add(stream.nextAvailable());
            }
        }
        return batch;
    }

    /** One batch, as the live processor applies one: in a unit of work, written at its end. */
    private void apply(List<TrackedEventMessage<?>> batch) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        FlushAtEndOfBatch flush = new FlushAtEndOfBatch();
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(flush), message -> handler.canHandle(message) ? handler.handle(message) : null).proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Exception exception) {
                throw exception;
            }
            throw (Error) failure;
        }
    }
}

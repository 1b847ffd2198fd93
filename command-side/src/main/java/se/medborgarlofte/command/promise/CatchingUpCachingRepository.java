package se.medborgarlofte.command.promise;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Axon's caching repository, with three changes.
 * <ul>
 *   <li><b>No decision on a history it can't read.</b> An event of a type this version does not know is refused
 *   ({@link UnreadableHistory}), not skipped as Axon would.</li>
 *   <li><b>Catching up.</b> Whenever a promise comes from this process's cache, the events another command-side
 *   process appended since are applied before the command is handled. Without it a cached promise would be stale
 *   after another replica changed it: its append would fail and be retried (harmless), but a command that stores
 *   nothing would be answered from old state, e.g. "no such activity" right after another replica recorded it. The
 *   look is one indexed lookup that usually finds nothing.</li>
 *   <li><b>Snapshots when a load was long.</b> A snapshot is taken when loading a promise from the store (after a
 *   restart or an eviction) applied more than {@code snapshotThreshold} events, and at no other time: counting new
 *   events instead (Axon's event-count trigger) would serialize a promise with a long history again every few
 *   commands, a cost that grows with its history while no load needs it.</li>
 * </ul>
 */
final class CatchingUpCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;
    private final Snapshotter snapshotter;
    private final int snapshotThreshold;
    private final ThreadLocal<AtomicInteger> eventsOfColdLoad = new ThreadLocal<>();

    CatchingUpCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore,
                                Snapshotter snapshotter, int snapshotThreshold) {
        super(builder.cache(cache).eventStore(eventStore)
                .snapshotTriggerDefinition(NoSnapshotTriggerDefinition.INSTANCE));
        this.cache = cache;
        this.eventStore = eventStore;
        this.snapshotter = snapshotter;
        this.snapshotThreshold = snapshotThreshold;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (!cache.containsKey(aggregateIdentifier)) {
            return coldLoad(aggregateIdentifier, expectedVersion);
        }
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (aggregate.version() != null) {
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, aggregate.version() + 1)
                    .filter(UnreadableHistory::check);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }

    private EventSourcedAggregate<T> coldLoad(String aggregateIdentifier, Long expectedVersion) {
        AtomicInteger applied = new AtomicInteger();
        eventsOfColdLoad.set(applied);
        EventSourcedAggregate<T> aggregate;
        try {
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        } finally {
            eventsOfColdLoad.remove();
        }
        if (applied.get() > snapshotThreshold) {
            // after the command, also a refused one: the next cold load is just as long either way
            CurrentUnitOfWork.get().onCleanup(unitOfWork ->
                    snapshotter.scheduleSnapshot(getAggregateType(), aggregateIdentifier));
        }
        return aggregate;
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        DomainEventStream events = super.readEvents(aggregateIdentifier).filter(UnreadableHistory::check);
        AtomicInteger applied = eventsOfColdLoad.get();
        return applied == null ? events : events.filter(event -> {
            applied.incrementAndGet();
            return true;
        });
    }
}

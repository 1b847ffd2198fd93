package se.medborgarlofte.embedded;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: writers that must be durable before they answer share one sync. A writer takes a ticket once its
 * write is complete ({@link #writeCompleted()}), then waits for a sync that started after it
 * ({@link #awaitDurable(long)}). The first waiter becomes the leader and runs the sync for every write completed so
 * far; writers arriving meanwhile wait for the leader and are covered by the next sync, which one of them leads.
 * So 8 concurrent writers pay for about two syncs per round instead of eight.
 */
public final class GroupCommit {

    private final Runnable sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private long completedWrites;
    private long durableUpTo;
    private boolean syncing;
    private long syncs;

    /** @param sync makes every write completed before it starts durable; throws if it could not */
    public GroupCommit(Runnable sync) {
        this.sync = sync;
    }

    /** Call after a write has completed; the answer is the ticket to wait for. */
    public long writeCompleted() {
        lock.lock();
        try {
            return ++completedWrites;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once a sync that started after the write with this ticket completed; throws if that sync failed. */
    public void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durableUpTo < ticket) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one sync for every write completed until now; called and left with the lock held. */
    private void lead() {
        syncing = true;
        long covered = completedWrites;
        RuntimeException failure = null;
        lock.unlock();
        try {
            sync.run();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            syncing = false;
            if (failure == null) {
                durableUpTo = Math.max(durableUpTo, covered);
                syncs++;
            }
            synced.signalAll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** How many syncs completed: with concurrent writers, fewer than the durable writes. */
    public long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }
}

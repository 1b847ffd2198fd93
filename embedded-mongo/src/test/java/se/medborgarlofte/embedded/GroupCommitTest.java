package se.medborgarlofte.embedded;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** Writes done (counted before each writer takes its ticket), and how many of them the last sync covered. */
    final AtomicLong writes = new AtomicLong();
    final AtomicLong covered = new AtomicLong();
    final AtomicInteger syncsRun = new AtomicInteger();

    GroupCommit slowSync() {
        return new GroupCommit(() -> {
            long seen = writes.get();
            syncsRun.incrementAndGet();
            sleep(3);
            covered.accumulateAndGet(seen, Math::max);
        });
    }

    /** Eight writers, fifty durable writes each; {@code afterEach} sees the number of the writer's own write. */
    void eightWriters(GroupCommit commit, java.util.function.LongConsumer afterEach) {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    long mine = writes.incrementAndGet();
                    commit.awaitDurable(commit.writeCompleted());
                    afterEach.accept(mine);
                }
            }));
        }
        writers.forEach(CompletableFuture::join);
    }

    @Test
    void noWriterReturnsBeforeASyncThatStartedAfterItsWrite() {
        GroupCommit commit = slowSync();
        eightWriters(commit, mine -> assertThat(covered.get()).as("writes covered by a completed sync")
                .isGreaterThanOrEqualTo(mine));
        assertThat(commit.syncs()).isEqualTo(syncsRun.get());
    }

    @Test
    void concurrentWritersShareSyncs() {
        GroupCommit commit = slowSync();
        eightWriters(commit, mine -> { });
        assertThat(commit.syncs()).as("syncs for 400 durable writes by 8 writers").isLessThan(200);
    }

    @Test
    void aFailedSyncFailsItsWritersAndTheNextSyncCoversThem() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit commit = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });
        long ticket = commit.writeCompleted();
        assertThatThrownBy(() -> commit.awaitDurable(ticket)).hasMessage("disk full");
        assertThat(commit.syncs()).isZero();
        commit.awaitDurable(ticket);
        assertThat(commit.syncs()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package se.medborgarlofte.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded server's file-backed store (H2 MVStore), made as durable as a journaling MongoDB:
 * <ul>
 *   <li>A write whose write concern asks for the journal ({@code j: true}) or a majority ({@code w: "majority"},
 *   which a single node can only give from disk) is answered only after the store has been committed and the file
 *   synced ({@code FileChannel.force}). Concurrent writers share one sync ({@link GroupCommit}).</li>
 *   <li>Other writes (read models, tracking tokens) are committed to the file once a second without a sync, as
 *   MongoDB's default write concern would: after a crash they may lag, never run ahead of the events.</li>
 *   <li>A commit never catches a write half done (a document stored without its unique-index entry): writes run
 *   under a shared lock, the commit under the exclusive one. MVStore's own background commit, which knows no such
 *   lock, is off, and so is its store from within a write ({@link #storeBuilder}).</li>
 * </ul>
 * A commit is a consistent snapshot of the whole store, so after a crash every read model and its token are from
 * one moment, and never ahead of the events they were built from.
 */
public final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    /**
     * Pages split above 2 KB instead of MVStore's 16 KB. A commit writes every page changed since the last one in
     * whole, re-serializing all the documents in it: with 16 KB leaves a durable append of one 1.5 KB event
     * rewrote about ten of its neighbours, and the commit took 0.8 ms of the 1.7 ms the insert was answered in
     * (RecordActivity, one thread). With 2 KB leaves it took 0.35-0.5 ms and RecordActivity ran 1.5-2 times as
     * fast (benchmark part 5; reads and the replay, part 3, within the machine's noise); 1 KB was no better.
     */
    static final int PAGE_SPLIT_SIZE = 2 * 1024;

    private final MVStore store;
    private final ReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final GroupCommit groupCommit = new GroupCommit(this::commitAndSync);
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        background.scheduleWithFixedDelay(this::commitQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens (or creates) the store in {@code fileName}: a path, or any H2 file system URL such as
     * {@code "nio:/path"}.
     */
    public static DurableH2Backend open(String fileName) {
        return new DurableH2Backend(storeBuilder(fileName).open());
    }

    /**
     * The store is written only by {@link #commit()}. Besides its background commit, MVStore also stores from within a
     * write once the unsaved changes pass a threshold (19 MB by default): in the middle of mongo-java-server's
     * insert, with the document in its map and an index entry not yet, under no lock of ours. A crash before the next
     * commit would then leave that half-written document on disk (found in a replay's profile, where such stores ran
     * in the read models' inserts). The threshold is off: the background commit writes it all once a second.
     */
    static MVStore.Builder storeBuilder(String fileName) {
        return new MVStore.Builder().fileName(fileName).autoCommitDisabled().autoCommitBufferSize(0)
                .pageSplitSize(PAGE_SPLIT_SIZE);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document response;
        long ticket;
        commitLock.readLock().lock();
        try {
            response = super.handleCommand(channel, databaseName, command, query);
            ticket = groupCommit.writeCompleted();
        } finally {
            commitLock.readLock().unlock();
        }
        if (asksForDurability(query.get("writeConcern"))) {
            groupCommit.awaitDurable(ticket);
        }
        return response;
    }

    /** mongo-java-server's H2 database, with index keys compared as values ({@link OrderedKeysH2Database}); called from
     * the super constructor, before this class's fields are set. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return OrderedKeysH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    static boolean asksForDurability(Object writeConcern) {
        if (!(writeConcern instanceof Document concern)) {
            return false;
        }
        Object journal = concern.get("j");
        boolean journaled = Boolean.TRUE.equals(journal) || journal instanceof Number n && n.intValue() != 0;
        return journaled || "majority".equals(concern.get("w"));
    }

    private void commitAndSync() {
        commit();
        store.sync();
    }

    @Override
    public void commit() {
        commitLock.writeLock().lock();
        try {
            if (store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    private void commitQuietly() {
        try {
            if (!store.isClosed()) {
                commit();
            }
        } catch (RuntimeException e) {
            // the next durable write commits again and reports a failure to its caller
        }
    }

    /** How many syncs made durable writes durable; with concurrent writers fewer than the writes. */
    public long syncs() {
        return groupCommit.syncs();
    }

    /** Commits and syncs everything, then closes the file. */
    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitLock.writeLock().lock();
        try {
            super.close();
        } finally {
            commitLock.writeLock().unlock();
        }
    }
}

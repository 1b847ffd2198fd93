package se.medborgarlofte.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.fail;

/**
 * An in-memory MongoDB wire-protocol server (as {@code EmbeddedMongoServer.inMemory()}) that can hold back the next
 * token a processing group stores, so a test can kill the query side exactly between a batch's read-model writes
 * and its token: the seam that makes that moment certain instead of a matter of luck.
 */
final class TokenHoldingMongoServer implements AutoCloseable {

    /** One stored token, held: the batch's read-model changes are written, its token is not. */
    static final class Hold {
        private final String processingGroup;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean discard;

        private Hold(String processingGroup) {
            this.processingGroup = processingGroup;
        }

        /** Waits until the group's next token arrives, and holds it. */
        void awaitHeld(Duration atMost) throws InterruptedException {
            if (!held.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("no token of " + processingGroup + " was stored within " + atMost);
            }
        }

        /** The token is never stored: its writer was killed while it was held. */
        void discard() {
            discard = true;
            released.countDown();
        }
    }

    private final AtomicReference<Hold> next = new AtomicReference<>();
    private final MongoServer server;
    private final String connectionString;

    TokenHoldingMongoServer() {
        MemoryBackend backend = new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                Hold hold = next.get();
                if (hold != null && storesToken(command, query, hold.processingGroup) && next.compareAndSet(hold, null)) {
                    hold.held.countDown();
                    try {
                        hold.released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (hold.discard) {
                        throw new MongoServerException("the client that stored this token was killed");
                    }
                }
                return super.handleCommand(channel, databaseName, command, query);
            }
        };
        backend.version(ServerVersion.MONGO_5_0);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Axon's MongoTokenStore stores a token with an update of its entry that sets {@code token}. */
    private static boolean storesToken(String command, Document query, String processingGroup) {
        if (!command.equalsIgnoreCase("update") || !"trackingtokens".equals(query.get("update"))
            || !(query.get("updates") instanceof List<?> updates)) {
            return false;
        }
        for (Object update : updates) {
            if (update instanceof Document statement && statement.get("q") instanceof Document filter
                && statement.get("u") instanceof Document change && change.get("$set") instanceof Document set
                && String.valueOf(filter).contains("\"" + processingGroup + "\"") && set.containsKey("token")) {
                return true;
            }
        }
        return false;
    }

    /** Holds the next token the processing group stores (on any segment). */
    Hold holdNextStoredToken(String processingGroup) {
        Hold hold = new Hold(processingGroup);
        if (!next.compareAndSet(null, hold)) {
            fail("a token is held already");
        }
        return hold;
    }

    String connectionString() {
        return connectionString;
    }

    String uri(String database) {
        return connectionString + "/" + database;
    }

    @Override
    public void close() {
        Hold hold = next.getAndSet(null);
        if (hold != null) {
            hold.released.countDown();
        }
        server.shutdownNow();
    }
}

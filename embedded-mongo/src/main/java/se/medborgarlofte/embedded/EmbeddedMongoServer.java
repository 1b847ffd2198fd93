package se.medborgarlofte.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import se.medborgarlofte.embedded.DurableH2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server inside the JVM (mongo-java-server). The application talks to it with the
 * real MongoDB driver, exactly as to a real server. File-backed (H2 MVStore) so data survives a restart, with
 * writes that ask for the journal synced to disk before they are answered ({@link DurableH2Backend}), or in memory
 * for tests.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final String connectionString;

    private EmbeddedMongoServer(MongoBackend backend, String host, int port) {
        backend.version(ServerVersion.MONGO_5_0);
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();
        this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** A file-backed server storing its data in {@code dataDirectory/mongo.mv.db}. */
    public static EmbeddedMongoServer fileBacked(Path dataDirectory, String host, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDirectory, e);
        }
        String file = dataDirectory.resolve("mongo.mv.db").toAbsolutePath().toString();
        return new EmbeddedMongoServer(DurableH2Backend.open(file), host, port);
    }

    /** An in-memory server on a free loopback port. */
    public static EmbeddedMongoServer inMemory() {
        return new EmbeddedMongoServer(new MemoryBackend(), "127.0.0.1", 0);
    }

    /** {@code mongodb://host:port}; append a database name to use one. */
    public String connectionString() {
        return connectionString;
    }

    public String uri(String database) {
        return connectionString + "/" + database;
    }

    /** How many file syncs made journaled writes durable so far (0 in memory). */
    public long durableSyncs() {
        return backend instanceof DurableH2Backend durable ? durable.syncs() : 0;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}

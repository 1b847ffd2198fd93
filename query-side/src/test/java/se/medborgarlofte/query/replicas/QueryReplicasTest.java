package se.medborgarlofte.query.replicas;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.embedded.EmbeddedMongoServer;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How many segments each query-side replica claims, as replicas come and go. */
class QueryReplicasTest {

    /** Fast, with room for a loaded machine: a heartbeat late by over a second would count a live replica out. */
    static final ReplicaProperties FAST = new ReplicaProperties(Duration.ofMillis(100), Duration.ofMillis(1500),
            Duration.ofMillis(500));

    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final MongoClient client = MongoClients.create(server.connectionString());
    final MongoCollection<Document> heartbeats = client.getDatabase("replicas").getCollection(QueryReplicas.COLLECTION);
    final InMemoryTokenStore tokens = new InMemoryTokenStore();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void eachReplicaClaimsItsShareRoundedUp() {
        assertThat(QueryReplicas.fairShare(2, 1)).as("alone: every segment").isEqualTo(2);
        assertThat(QueryReplicas.fairShare(2, 2)).isEqualTo(1);
        assertThat(QueryReplicas.fairShare(2, 3)).as("more replicas than segments: one each, one stands by")
                .isEqualTo(1);
        assertThat(QueryReplicas.fairShare(5, 2)).isEqualTo(3);
        assertThat(QueryReplicas.fairShare(4, 0)).as("not counted yet: as if alone").isEqualTo(4);
        assertThat(QueryReplicas.fairShare(0, 2)).as("no segments yet: the first creates and claims them all")
                .isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void aSecondReplicaHalvesTheFirstOnesShareAndItsGoodbyeRestoresIt() {
        tokens.initializeTokenSegments("activities", 2);
        try (QueryReplicas first = replica()) {
            assertThat(first.live()).isEqualTo(1);
            assertThat(first.maxSegments("activities")).isEqualTo(2);
            assertThat(first.maxSegments("not-created-yet")).isEqualTo(Short.MAX_VALUE);

            QueryReplicas second = replica();
            assertThat(second.live()).as("the second counts both at once, before its processors start").isEqualTo(2);
            assertThat(second.maxSegments("activities")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(6)).until(() -> first.maxSegments("activities") == 1);
            assertThat(first.id()).isNotEqualTo(second.id());

            second.stop();
            assertThat(second.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(6)).until(() -> first.maxSegments("activities") == 2);
            assertThat(heartbeats.countDocuments()).as("only the first is left").isEqualTo(1);
        }
        assertThat(heartbeats.countDocuments()).isZero();
    }

    @Test
    void aReplicaThatStopsBeatingIsCountedOutAfterTheExpiry() {
        tokens.initializeTokenSegments("promises", 2);
        try (QueryReplicas survivor = replica()) {
            // one that crashed: its last heartbeat stays behind
            heartbeats.insertOne(new Document("_id", "crashed").append("seenAt", new java.util.Date()));
            await().atMost(Duration.ofSeconds(6)).until(() -> survivor.maxSegments("promises") == 1);
            await().atMost(Duration.ofSeconds(6)).until(() -> survivor.maxSegments("promises") == 2);
        }
    }

    @Test
    void segmentsAddedLaterAreCountedAtTheNextHeartbeat() {
        try (QueryReplicas replica = replica(); QueryReplicas other = replica()) {
            assertThat(replica.maxSegments("findings")).isEqualTo(Short.MAX_VALUE);
            tokens.initializeTokenSegments("findings", 4);
            await().atMost(Duration.ofSeconds(6)).until(() -> replica.maxSegments("findings") == 2);
            assertThat(other.live()).isEqualTo(2);
        }
    }

    private QueryReplicas replica() {
        return new QueryReplicas(heartbeats, tokens, FAST, Clock.systemUTC());
    }
}

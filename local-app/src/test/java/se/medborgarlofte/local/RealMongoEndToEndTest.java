package se.medborgarlofte.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import java.util.Map;

/** The same scenario against a real MongoDB replica set in a container; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoEndToEndTest extends EndToEndScenario {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    private static LocalApplication app;

    @BeforeAll
    static void start() {
        TestClock.install();
        app = new LocalApplication(new LocalApplication.Settings(MONGO.getReplicaSetUrl("medborgarlofte"), null, 0, 0, 0,
                false, TestClock.properties(Map.of("medborgarlofte.security.users-file", TestUsers.file().toString()))));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        TestClock.release();
    }

    @Override
    LocalApplication app() {
        return app;
    }
}

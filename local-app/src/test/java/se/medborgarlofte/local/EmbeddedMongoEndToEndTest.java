package se.medborgarlofte.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** The end-to-end scenario against the embedded MongoDB wire server, in memory. */
class EmbeddedMongoEndToEndTest extends EndToEndScenario {

    private static LocalApplication app;

    @BeforeAll
    static void start() {
        TestClock.install();
        app = new LocalApplication(TestUsers.inMemory());
    }

    @AfterAll
    static void stop() {
        app.close();
        TestClock.release();
    }

    @Override
    LocalApplication app() {
        return app;
    }
}

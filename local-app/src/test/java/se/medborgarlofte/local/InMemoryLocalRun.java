package se.medborgarlofte.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local run for a test class, in memory with the test users and the test clock: started before the class's
 * tests, closed after them. Register it with {@code @RegisterExtension static final InMemoryLocalRun run}.
 */
final class InMemoryLocalRun implements BeforeAllCallback, AfterAllCallback {

    private LocalApplication app;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestClock.install();
        app = new LocalApplication(TestUsers.inMemory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        app.close();
        TestClock.release();
    }

    LocalApplication app() {
        return app;
    }
}

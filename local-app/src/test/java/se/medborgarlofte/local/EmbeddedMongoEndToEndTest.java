package se.medborgarlofte.local;


import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Map;

/** The end-to-end scenario against the embedded MongoDB wire server, in memory. */
class EmbeddedMongoEndToEndTest extends EndToEndScenario {

    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    @Override
    LocalApplication app() {
        return run.app();
    }
}

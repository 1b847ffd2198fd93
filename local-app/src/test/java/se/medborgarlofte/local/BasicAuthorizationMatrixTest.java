package se.medborgarlofte.local;

import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The same authorization matrix with the local users file and HTTP Basic, as in the one-command run. */
class BasicAuthorizationMatrixTest extends AuthorizationMatrix {

    private static final java.util.concurrent.atomic.AtomicInteger BAD_TRIES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() {
        TestClock.install();
        app = new LocalApplication(TestUsers.inMemory());
    }

    @Override
    String[] credentials(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> new String[0];
            case ADMIN -> basic("admin", "admin-password");
            case POLICE -> basic("polis", "polis-password");
            case MUNICIPALITY -> basic("kommun", "kommun-password");
            case OTHER_ORGANISATION -> basic("gnosjo", "gnosjo-password");
            case VIEWER -> basic("lasare", "lasare-password");
            // A new name each time: five wrong passwords for one name from one address block it (SignInLimitTest)
            case BAD_CREDENTIALS -> basic("admin-" + BAD_TRIES.incrementAndGet(), "not-the-password");
        };
    }

    @Override
    Identity identity(Caller caller) {
        return switch (caller) {
            case ADMIN -> new Identity("admin", "Eva Admin", null, "ADMIN");
            case POLICE -> new Identity("polis", "Anna Kommunpolis", TestUsers.POLICE_AREA, "EDITOR");
            case MUNICIPALITY -> new Identity("kommun", "Sara Samordnare", TestUsers.MUNICIPALITY, "EDITOR");
            default -> throw new IllegalArgumentException(caller + " may not change anything");
        };
    }

    static String[] basic(String user, String password) {
        return new String[]{"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }
}

package se.medborgarlofte.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing is slowed down: after 5 failed sign-ins for one name from one address, 429 for 15 minutes, on the web's
 * form and on the APIs' HTTP Basic alike; other names from the same address are not affected.
 */
class SignInLimitTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void theSixthTryAfterFiveWrongPasswordsGets429EvenWithTheRightPassword() {
        StaffSession guesser = new StaffSession(system.webPort);
        for (int i = 1; i <= 5; i++) {
            StaffSession.Answer wrong = guesser.signIn(TestSystem.GUESSED, "gissning-" + i);
            assertThat(wrong.status()).as("try %d", i).isEqualTo(401);
            assertThat(wrong.document().select(".error-summary").text()).startsWith("Fel användarnamn eller lösenord");
            assertThat(wrong.document().select("#username").val()).as("the name is kept").isEqualTo(TestSystem.GUESSED);
        }
        StaffSession.Answer blocked = guesser.signIn(TestSystem.GUESSED, TestSystem.GUESSED_PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.response().headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(14 * 60, 15 * 60));
        assertThat(blocked.document().select(".error-summary").text()).contains("Vänta 15 minuter");
        assertThat(StaffSession.signedIn(system.webPort, TestSystem.POLICE, TestSystem.POLICE_PASSWORD)
                .get("/personal/").status()).as("another name from the same address").isEqualTo(200);
    }

    @Test
    void httpBasicOnTheApisHasTheSameLimit() {
        String body = "{\"reason\":\"x\"}";
        for (int i = 1; i <= 5; i++) {
            WebClient.Page wrong = new WebClient(system.commandPort, "gissare", "fel-" + i)
                    .post("/api/promises/gnosjo-2024/closure", body);
            assertThat(wrong.status()).isEqualTo(401);
        }
        WebClient.Page blocked = new WebClient(system.commandPort, "gissare", "fel-6")
                .post("/api/promises/gnosjo-2024/closure", body);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(blocked.body()).contains("too-many-sign-in-attempts");
        assertThat(blocked.header("Retry-After")).isNotBlank();
        assertThat(system.command.get("/api/promises/gnosjo-2024").status())
                .as("the admin from the same address is signed in (403: the command side has nothing to GET)")
                .isEqualTo(403);
    }
}

package se.medborgarlofte.local;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.command.promise.ActivityChanges;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static se.medborgarlofte.local.ConcurrentWorkload.COMMITMENT;

/**
 * Two command-side replicas behind one proxy, each keeping promises in memory between commands: whatever one
 * replica stored, the other takes into account on the next command, also when that command changes nothing (a
 * repeat) or would be refused on old state (a correction of an activity the other replica recorded).
 */
class TwoCommandReplicasTest {

    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void aReplicaSeesWhatTheOtherStoredSinceItLastLoadedThePromise() {
        CommandGateway first = replica();
        CommandGateway second = replica();
        PromiseId promise = new PromiseId("replicas-2025");
        send(first, new SignPromise(promise, ConcurrentWorkload.terms("Två repliker")));
        send(first, new AddCommitment(promise, COMMITMENT, ConcurrentWorkload.COMMITMENT_TERMS));
        // both replicas now hold the promise in memory
        assertThat(send(first, record(promise, "a1", 1))).isEqualTo(RecordingResult.RECORDED);
        assertThat(send(second, record(promise, "a2", 2))).isEqualTo(RecordingResult.RECORDED);

        // each replica corrects what only the other recorded since (on old state it would answer "no such activity")
        send(first, correct(promise, "a2"));
        assertThat(send(first, record(promise, "a3", 3))).isEqualTo(RecordingResult.RECORDED);
        send(second, correct(promise, "a3"));
        send(second, new RetractActivity(promise, new ActivityId("a1"), "Dubbelregistrerad"));
        send(first, new RetractActivity(promise, new ActivityId("a3"), "Dubbelregistrerad"));
        // and knows a resend of it as a repeat
        assertThat(send(second, record(promise, "a3", 3))).isEqualTo(RecordingResult.ALREADY_RECORDED);
    }

    private static CorrectActivity correct(PromiseId promise, String id) {
        return new CorrectActivity(promise, new ActivityId(id),
                new ActivityChanges(null, null, "Rättad plats", null, null, null, null, null), "Fel plats");
    }

    private static RecordActivity record(PromiseId promise, String id, int i) {
        return new RecordActivity(promise, new ActivityId(id), ConcurrentWorkload.activity(i), false);
    }

    private CommandGateway replica() {
        ConfigurableApplicationContext context = CommandSideApplication.builder().run(
                "--spring.mongodb.uri=" + server.uri("replicas"), "--server.port=0",
                "--medborgarlofte.security.users-file=" + TestUsers.file(), TestClock.argument(),
                "--spring.main.register-shutdown-hook=false", "--logging.level.org.axonframework=ERROR");
        contexts.add(context);
        return context.getBean(CommandGateway.class);
    }

    private static Object send(CommandGateway gateway, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("role", "SYSTEM", "userId", "replica-test")));
    }
}

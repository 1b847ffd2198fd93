package se.medborgarlofte.command.metrics;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.command.promise.PromiseRejected;
import se.medborgarlofte.command.promise.PromiseRejected.Rule;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcome an operator reads on the command timer: a refused command is no error, a lost race no refusal. */
class CommandOutcomeTest {

    @Test
    void aRefusalByThePromiseIsARejectionAlsoWhenWrapped() {
        PromiseRejected refused = PromiseRejected.broken(Rule.OUTSIDE_PERIOD, "2026-03-01", "2025-01-01", "2025-12-31");
        assertThat(CommandOutcome.of(refused)).isEqualTo(CommandOutcome.REJECTION);
        assertThat(CommandOutcome.of(new CommandExecutionException("refused", refused))).isEqualTo(CommandOutcome.REJECTION);
        assertThat(CommandOutcome.of(PromiseRejected.notFound(Rule.UNKNOWN_COMMITMENT, "c"))).isEqualTo(CommandOutcome.REJECTION);
    }

    @Test
    void aLostRaceIsAConflictAndEverythingElseAnError() {
        assertThat(CommandOutcome.of(new ConcurrencyException("another change came first")))
                .isEqualTo(CommandOutcome.CONFLICT);
        assertThat(CommandOutcome.of(new IllegalStateException("MongoDB unreachable"))).isEqualTo(CommandOutcome.ERROR);
        assertThat(CommandOutcome.of(null)).isEqualTo(CommandOutcome.ERROR);
        assertThat(CommandOutcome.ERROR.tag()).isEqualTo("error");
    }
}

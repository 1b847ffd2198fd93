package se.medborgarlofte.query.operations;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When the read models make the query side not ready: a processor stopped or failing, or one too far behind. */
class ProcessorReadinessTest {

    static ProcessorState group(String name, boolean running, long lag) {
        return new ProcessorState(name, running, 2, lag, 0, 0);
    }

    @Test
    void readyUpToTheBoundAndOutOfServiceBeyondIt() {
        assertThat(ProcessorReadiness.judge(List.of(group("promises", true, 1000), group("activities", true, 0)), 1000)
                .getStatus()).isEqualTo(Status.UP);
        assertThat(ProcessorReadiness.judge(List.of(group("promises", true, 1001), group("activities", true, 0)), 1000)
                .getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aStoppedOrFailingProcessorIsDownWhateverTheOthersLag() {
        assertThat(ProcessorReadiness.judge(List.of(group("promises", true, 5000), group("activities", false, 0)), 1000)
                .getStatus()).isEqualTo(Status.DOWN);
        assertThat(ProcessorReadiness.judge(List.of(group("activities", false, 0), group("promises", true, 5000)), 1000)
                .getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void segmentsHeldByAnotherInstanceDoNotMakeThisOneUnready() {
        ProcessorState standingBy = new ProcessorState("promises", true, 0, -1, 0, Double.NaN);
        assertThat(ProcessorReadiness.judge(List.of(standingBy), 0).getStatus()).isEqualTo(Status.UP);
    }
}

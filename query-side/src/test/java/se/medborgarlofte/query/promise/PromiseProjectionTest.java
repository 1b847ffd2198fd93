package se.medborgarlofte.query.promise;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;
import se.medborgarlofte.query.ProjectionTestSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromiseProjectionTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final PromiseRepository repository = support.repository(PromiseRepository.class);
    final PromiseProjection projection = new PromiseProjection(repository, null);
    final PromiseId id = new PromiseId("p1");
    final Instant now = Instant.parse("2025-03-01T10:00:00Z");

    @AfterEach
    void close() {
        support.close();
    }

    static PromiseTerms terms(String title) {
        return new PromiseTerms(title, List.of("Testby"), "LPO Testby", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 1),
                List.of(new Signatory("Eva", "KSO", Party.MUNICIPALITY)), "Vi lovar", List.of(), "",
                List.of(new FocusArea("TRAFFIC", "Trafik")));
    }

    static CommitmentTerms commitment(int target) {
        return new CommitmentTerms("Trafikkontroller", "", Party.POLICE, "TRAFFIC", Set.of(ActivityKind.TRAFFIC_CONTROL),
                target);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        CommitmentAdded added = new CommitmentAdded(id, new CommitmentId("c1"), commitment(10));
        CommitmentAssessed assessed = new CommitmentAssessed(id, new CommitmentId("c1"), LocalDate.of(2025, 2, 1),
                PaceStatus.ON_TRACK, "Bra");
        projection.on(new PromiseSigned(id, terms("Löfte")), 0, now);
        projection.on(added, 1, now);
        projection.on(assessed, 2, now);
        projection.on(added, 1, now);
        projection.on(assessed, 2, now);

        PromiseDocument document = repository.findById("p1").orElseThrow();
        assertThat(document.commitments).hasSize(1);
        assertThat(document.commitments.get(0).assessments).hasSize(1);
        assertThat(document.lastSequence).isEqualTo(2);
    }

    @Test
    void aReplayedOlderEventDoesNotUndoANewerOne() {
        projection.on(new PromiseSigned(id, terms("Löfte")), 0, now);
        projection.on(new CommitmentAdded(id, new CommitmentId("c1"), commitment(10)), 1, now);
        projection.on(new CommitmentRevised(id, new CommitmentId("c1"), commitment(12), "Höjt mål"), 2, now);
        projection.on(new PromiseSigned(id, terms("Gammal titel")), 0, now);

        PromiseDocument document = repository.findById("p1").orElseThrow();
        assertThat(document.title).isEqualTo("Löfte");
        assertThat(document.commitments.get(0).target).isEqualTo(12);
    }

    @Test
    void aWithdrawnCommitmentKeepsItsReason() {
        projection.on(new PromiseSigned(id, terms("Löfte")), 0, now);
        projection.on(new CommitmentAdded(id, new CommitmentId("c1"), commitment(10)), 1, now);
        projection.on(new CommitmentWithdrawn(id, new CommitmentId("c1"), "Ersatt av annat"), 2, now);

        PromiseDocument.CommitmentDocument commitment = repository.findById("p1").orElseThrow().commitments.get(0);
        assertThat(commitment.withdrawn).isTrue();
        assertThat(commitment.withdrawalReason).isEqualTo("Ersatt av annat");
    }
}

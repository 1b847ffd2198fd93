package se.medborgarlofte.query.promise;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;

import java.time.Instant;
import java.time.LocalDate;

import static se.medborgarlofte.query.EventSamples.commitment;
import static se.medborgarlofte.query.EventSamples.terms;
import static org.assertj.core.api.Assertions.assertThat;

class PromiseProjectionTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final PromiseRepository repository = support.repository(PromiseRepository.class);
    final PromiseProjection projection = new PromiseProjection(support.mongo, null);
    final PromiseId id = new PromiseId("p1");
    final Instant now = Instant.parse("2025-03-01T10:00:00Z");

    @AfterEach
    void close() {
        support.close();
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

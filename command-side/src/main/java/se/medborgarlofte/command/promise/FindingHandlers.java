package se.medborgarlofte.command.promise;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.FindingCommands.CompleteMeasure;
import se.medborgarlofte.command.promise.FindingCommands.DeclineMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PlanMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PublishFinding;
import se.medborgarlofte.command.promise.FindingCommands.RecordFinding;
import se.medborgarlofte.command.promise.FindingCommands.ReportBack;
import se.medborgarlofte.command.promise.FindingCommands.UnpublishFinding;
import se.medborgarlofte.events.PromiseEvent.FindingEvent;

import java.time.Clock;

/**
 * The promise's handlers for findings and åtgärder, in a class of their own so that {@link Promise} stays readable:
 * each hands the command to {@link Findings}, with the promise's state as a {@link FindingContext}. Findings and
 * their measures are like activities: they do not change the promise's version for {@code If-Match}, but a
 * stale {@code If-Match} refuses them.
 */
abstract class FindingHandlers {

    private Findings findings = new Findings();

    /** The promise's state for the finding rules, once the caller's {@code If-Match} has been checked. */
    abstract FindingContext findingContext(MetaData metaData, Clock clock);

    @CommandHandler
    RecordingResult handle(RecordFinding command, MetaData metaData, Clock clock) {
        return findings.record(command, findingContext(metaData, clock));
    }

    @CommandHandler
    RecordingResult handle(PlanMeasure command, MetaData metaData, Clock clock) {
        return findings.plan(command, findingContext(metaData, clock));
    }

    @CommandHandler
    void handle(CompleteMeasure command, MetaData metaData, Clock clock) {
        findings.complete(command, findingContext(metaData, clock));
    }

    @CommandHandler
    void handle(DeclineMeasure command, MetaData metaData, Clock clock) {
        findings.decline(command, findingContext(metaData, clock));
    }

    @CommandHandler
    void handle(ReportBack command, MetaData metaData, Clock clock) {
        findings.reportBack(command, findingContext(metaData, clock));
    }

    @CommandHandler
    void handle(PublishFinding command, MetaData metaData, Clock clock) {
        findings.publish(command, findingContext(metaData, clock));
    }

    @CommandHandler
    void handle(UnpublishFinding command, MetaData metaData, Clock clock) {
        findings.unpublish(command, findingContext(metaData, clock));
    }

    /** Whether a finding with this id was recorded in the promise. */
    boolean hasFinding(String findingId) {
        return findings.contains(findingId);
    }

    @EventSourcingHandler
    void on(FindingEvent event) {
        findings.evolve(event);
    }
}

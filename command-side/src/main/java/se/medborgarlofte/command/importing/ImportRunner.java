package se.medborgarlofte.command.importing;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.PromiseRejected;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseId;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rows' RecordActivity commands on the promise itself, so the aggregate's rules (period, commitments, kind,
 * performer, who may record) judge every row exactly as for a single command. A dry run handles every row in one
 * unit of work and rolls it back: nothing is written. An import commits every {@value #CHUNK} rows as one append.
 * The aggregate checks every rule before it applies anything, so a refused row leaves the others untouched. A chunk
 * that loses a race with another writer is run again on fresh state: its rows that were stored come back as
 * already recorded.
 */
@Component
class ImportRunner {

    static final int CHUNK = 1_000;
    private static final int ATTEMPTS = 8;

    /** A row's outcome: {@code result} when the promise took it, else the rule it broke. */
    record Outcome(RecordingResult result, PromiseRejected refusal) {
    }

    private final Repository<?> promises;
    private final org.axonframework.config.Configuration axon;

    ImportRunner(@Qualifier("promiseRepository") Repository<?> promises, org.axonframework.config.Configuration axon) {
        this.promises = promises;
        this.axon = axon;
    }

    List<Outcome> run(String promiseId, List<RecordActivity> commands, MetaData metaData, boolean dryRun) {
        if (dryRun) {
            return inOneUnitOfWork(promiseId, commands, metaData, false);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < commands.size(); from += CHUNK) {
            List<RecordActivity> chunk = commands.subList(from, Math.min(commands.size(), from + CHUNK));
            for (int attempt = 1; ; attempt++) {
                try {
                    outcomes.addAll(inOneUnitOfWork(promiseId, chunk, metaData, true));
                    break;
                } catch (ConcurrencyException | LockAcquisitionFailedException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        return outcomes;
    }

    /** An empty file still checks that the promise exists. */
    private List<Outcome> inOneUnitOfWork(String promiseId, List<RecordActivity> commands, MetaData metaData,
                                          boolean commit) {
        CommandMessage<?> first = GenericCommandMessage.asCommandMessage(commands.isEmpty()
                ? new RecordActivity(new PromiseId(promiseId), new ActivityId("none"), null, false)
                : commands.get(0)).andMetaData(metaData);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(first);
        axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            Aggregate<?> promise = promises.load(promiseId);
            for (RecordActivity command : commands) {
                outcomes.add(handle(promise, command, metaData));
            }
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
        return outcomes;
    }

    private static Outcome handle(Aggregate<?> promise, RecordActivity command, MetaData metaData) {
        try {
            Object result = promise.handle(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            return new Outcome((RecordingResult) result, null);
        } catch (PromiseRejected refused) {
            return new Outcome(null, refused);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

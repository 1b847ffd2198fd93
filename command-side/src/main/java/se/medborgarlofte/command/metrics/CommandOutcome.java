package se.medborgarlofte.command.metrics;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;
import se.medborgarlofte.command.promise.PromiseRejected;

import java.util.Locale;

/**
 * How a command ended, as the {@code outcome} tag of the command metrics: {@code success}; {@code rejection}, the
 * promise refused it (a broken rule, an unknown id, not allowed, a stale If-Match, a field it can't take: the
 * client's 4xx); {@code conflict}, it lost a race with another change of the same promise (the gateway retries it on
 * fresh state, and the retry is counted again); {@code error}, anything else (MongoDB unreachable, a bug: a 5xx).
 */
enum CommandOutcome {
    SUCCESS, REJECTION, CONFLICT, ERROR;

    static CommandOutcome of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PromiseRejected) {
                return REJECTION;
            }
            if (cause instanceof ConcurrencyException || cause instanceof LockAcquisitionFailedException) {
                return CONFLICT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return ERROR;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package se.medborgarlofte.query.deadletter;

import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import se.medborgarlofte.query.batch.DocumentStore;

import java.util.List;

/** Tells a failure that belongs to an event from one that passes (the database, a concurrent writer, a shutdown). */
final class Failures {

    private static final List<Class<? extends Throwable>> PASSING = List.of(MongoSocketException.class,
            MongoTimeoutException.class, MongoExecutionTimeoutException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class, MongoInterruptedException.class, MongoClientException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class,
            DocumentStore.ConcurrentChangeException.class, InterruptedException.class);

    private Failures() {
    }

    /** True when trying again later may well succeed: nothing about the event is wrong. */
    static boolean isPassing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable current = t;
            if (PASSING.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
            if (t instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                                                      || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
            // the driver's answer once its client is closed (the app is stopping)
            if (t instanceof IllegalStateException && "state should be: open".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

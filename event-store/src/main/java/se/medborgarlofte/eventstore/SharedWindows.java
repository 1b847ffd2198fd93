package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The windows of the event stream that readers behind the head read lately, each kept under the token it was read
 * from: the reader that asks first reads it from the store, a reader asking for the same window meanwhile waits for
 * that read, and readers that come later take it from here. Kept until they hold more than {@code maxEvents}
 * events, the oldest going first; an empty window (the head) is never kept, as new events may arrive after it. Once
 * no stream reads windows any more (all at the head, or closed), none is kept: no heap is held while caught up.
 */
final class SharedWindows {

    private final Function<TrackingToken, List<TrackedEventMessage<?>>> store;
    private final int maxEvents;
    /** By the token each window follows (empty for the start of the stream), oldest first; guarded by this. */
    private final Map<Optional<TrackingToken>, CompletableFuture<List<TrackedEventMessage<?>>>> windows =
            new LinkedHashMap<>();
    private int keptEvents;
    /** Streams reading windows now; guarded by this. */
    private int readers;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    SharedWindows(Function<TrackingToken, List<TrackedEventMessage<?>>> store, int maxEvents) {
        this.store = store;
        this.maxEvents = maxEvents;
    }

    /** The events after {@code after} (null: from the start) as one read of the store found them; empty at the head. */
    List<TrackedEventMessage<?>> after(TrackingToken after) {
        Optional<TrackingToken> key = Optional.ofNullable(after);
        CompletableFuture<List<TrackedEventMessage<?>>> window;
        CompletableFuture<List<TrackedEventMessage<?>>> mine = new CompletableFuture<>();
        synchronized (this) {
            window = windows.putIfAbsent(key, mine);
        }
        if (window != null) {
            shared.incrementAndGet();
            return join(window);
        }
        window = mine;
        reads.incrementAndGet();
        try {
            List<TrackedEventMessage<?>> events = List.copyOf(store.apply(after));
            keep(key, events);
            window.complete(events);
            return events;
        } catch (RuntimeException | Error e) {
            forget(key);
            window.completeExceptionally(e);
            throw e;
        }
    }

    /** A stream starts reading windows. */
    synchronized void join() {
        readers++;
    }

    /** A stream no longer reads windows (at the head, or closed); the last one to go takes the windows with it. */
    synchronized void leave() {
        readers--;
        if (readers == 0) {
            windows.values().removeIf(CompletableFuture::isDone);
            keptEvents = 0;
        }
    }

    /** Windows read from the store, and windows taken from here, since this reader started. */
    long reads() {
        return reads.get();
    }

    long shared() {
        return shared.get();
    }

    private synchronized void keep(Optional<TrackingToken> key, List<TrackedEventMessage<?>> events) {
        if (events.isEmpty()) {
            windows.remove(key);
            return;
        }
        keptEvents += events.size();
        Iterator<Map.Entry<Optional<TrackingToken>, CompletableFuture<List<TrackedEventMessage<?>>>>> oldest =
                windows.entrySet().iterator();
        while (keptEvents > maxEvents && oldest.hasNext()) {
            CompletableFuture<List<TrackedEventMessage<?>>> window = oldest.next().getValue();
            if (window.isDone()) { // the one being kept is not done yet
                keptEvents -= window.join().size();
                oldest.remove();
            }
        }
    }

    private synchronized void forget(Optional<TrackingToken> key) {
        windows.remove(key);
    }

    private static List<TrackedEventMessage<?>> join(CompletableFuture<List<TrackedEventMessage<?>>> window) {
        try {
            return window.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}

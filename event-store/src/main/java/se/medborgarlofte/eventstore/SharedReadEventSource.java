package se.medborgarlofte.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as several readers behind the head read it: they share what the store is asked for. Each read
 * model has its own processor and stream, and in a replay each read every event from MongoDB (measured: the embedded
 * server's finding and encoding of events, and the driver's decoding, were about a third of the replay's CPU, twice
 * of it for nothing). A stream here reads window by window ({@link SequencedMongoEventStorageEngine#readWindow}),
 * through {@link SharedWindows}: the streams that follow the same path through the store (from the same token:
 * every read model replayed from the start, or caught up alike) read each window once. The window a stream gets is
 * exactly what one read of the store returned, with its tokens, so it sees what it would have seen reading alone at
 * that moment, gaps included. Once a window comes back empty (the head), the stream continues on the store's own
 * stream from its last token, where Axon's embedded store shares one reader among the streams at the head.
 * <p>
 * A processor that has no handler for a type says so ({@link BlockingStream#skipMessagesWithPayloadTypeOf}), and its
 * stream leaves such events out of the windows, all but each window's last: the processor's token still follows the
 * store window by window, so its lag and a rebuild's end are seen as before, while it no longer hands its workers
 * the events it ignores (in a replay of a store of activities, the promises' and findings' processors took about a
 * sixth of the CPU doing so).
 */
public final class SharedReadEventSource extends TokensOfStore {

    private final SharedWindows windows;

    /**
     * @param store     the event store (tokens, and the streams at the head)
     * @param engine    the engine the windows are read from
     * @param maxEvents how many events the shared windows may hold at most (the heap they take: about 3 KB each)
     */
    public SharedReadEventSource(StreamableMessageSource<TrackedEventMessage<?>> store,
                                 SequencedMongoEventStorageEngine engine, int maxEvents) {
        super(store);
        this.windows = new SharedWindows(engine::readWindow, maxEvents);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WindowStream(trackingToken);
    }

    /** Windows read from MongoDB, and windows one stream took from another's read, since the start. */
    public long windowsRead() {
        return windows.reads();
    }

    public long windowsShared() {
        return windows.shared();
    }

    /** Window by window while behind, then the store's own stream; used by one processor's coordinator thread. */
    private final class WindowStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> window = new ArrayDeque<>();
        /** Payload types the processor has no handler for: left out, except as the last event of a window. */
        private final Set<Class<?>> skipped = ConcurrentHashMap.newKeySet();
        /** The token of the last event handed out (where the next window starts). */
        private TrackingToken position;
        /** The store's stream, once at the head. */
        private volatile BlockingStream<TrackedEventMessage<?>> atHead;
        private volatile boolean closed;

        private WindowStream(TrackingToken start) {
            this.position = start;
            windows.join();
        }

        /** Fills the window if it is empty; true if it holds an event, false once the stream is at the head. */
        private boolean fromWindow() {
            if (atHead != null) {
                return false;
            }
            if (window.isEmpty()) {
                window.addAll(windows.after(position));
                if (window.isEmpty()) {
                    continueAtHead();
                    return false;
                }
            }
            while (window.size() > 1 && skipped.contains(window.peekFirst().getPayloadType())) {
                window.pollFirst();
            }
            return true;
        }

        private synchronized void continueAtHead() {
            atHead = store.openStream(position);
            if (closed) {
                atHead.close();
            } else {
                windows.leave();
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return fromWindow() ? Optional.of(window.peekFirst()) : atHead.peek();
        }

        @Override
        public boolean hasNextAvailable() {
            return fromWindow() || atHead.hasNextAvailable();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return fromWindow() || atHead.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            if (fromWindow()) {
                TrackedEventMessage<?> next = window.pollFirst();
                position = next.trackingToken();
                return next;
            }
            return atHead.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skipped.add(ignoredMessage.getPayloadType());
            BlockingStream<TrackedEventMessage<?>> head = atHead;
            if (head != null) {
                head.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            BlockingStream<TrackedEventMessage<?>> head = atHead;
            if (head != null) {
                head.close();
            } else {
                windows.leave();
            }
        }
    }
}

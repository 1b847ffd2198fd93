package se.medborgarlofte.query.cache;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers computed from the read models, given again for as long as what they were computed from is unchanged
 * ({@link ReadModelVersions}): a public page asked for again and again costs one computation per change of its
 * promise, not one per request; and one rendering as JSON ({@link RenderedAnswers}). At most {@code maxEntries}
 * answers are kept; beyond that the cache starts afresh.
 */
public final class AnswerCache<V> {

    /** The request attribute naming the kept answer a request is given, for {@link RenderedAnswers}. */
    static final String ANSWER = AnswerCache.class.getName() + "/answer";

    /** A kept answer, and its JSON once rendered. */
    static final class Entry<V> {
        private final ReadModelVersions.Stamp stamp;
        private final V value;
        private volatile byte[] json;

        private Entry(ReadModelVersions.Stamp stamp, V value) {
            this.stamp = stamp;
            this.value = value;
        }

        Object value() {
            return value;
        }

        byte[] json(JsonMapper mapper) {
            byte[] rendered = json;
            if (rendered == null) {
                rendered = mapper.writeValueAsBytes(value);
                json = rendered;
            }
            return rendered;
        }
    }

    private final ReadModelVersions versions;
    private final int maxEntries;
    private final Map<Object, Entry<V>> entries = new ConcurrentHashMap<>();

    public AnswerCache(ReadModelVersions versions, int maxEntries) {
        this.versions = versions;
        this.maxEntries = maxEntries;
    }

    /**
     * The answer for {@code key}, about one promise ({@code promiseId}) or about all of them (null): the kept one
     * if its promise's read models are as they were when it was computed, else {@code compute}'s (kept unless it
     * throws).
     */
    public V get(String promiseId, Object key, Supplier<V> compute) {
        ReadModelVersions.Stamp stamp = promiseId == null ? versions.ofAll() : versions.of(promiseId);
        if (stamp == null) {
            return compute.get();
        }
        Entry<V> entry = entries.get(key);
        if (entry == null || !entry.stamp.equals(stamp)) {
            entry = new Entry<>(stamp, compute.get());
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, entry);
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ANSWER, entry, RequestAttributes.SCOPE_REQUEST);
        }
        return entry.value;
    }
}

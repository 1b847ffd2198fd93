package se.medborgarlofte.query.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Counts the promises' tallies from their activity documents once, at start, before the processors run: for a
 * database whose activity log was built before tallies existed, or whose tally collection was dropped (the marker
 * goes with it). Each tally then stands where its promise's activity documents stand, as the projection keeps it.
 * On an empty database it only sets the marker.
 * <p>
 * It assumes that no other query-side instance is applying activity events meanwhile; rebuild the tallies by
 * dropping {@value TallyStore#COLLECTION} and restarting, with the others stopped.
 */
@Component
public final class TallyBackfill implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TallyBackfill.class);

    private final MongoTemplate mongo;
    private final TallyStore tallies;

    TallyBackfill(MongoTemplate mongo, TallyStore tallies) {
        this.mongo = mongo;
        this.tallies = tallies;
    }

    @Override
    public void afterPropertiesSet() {
        if (tallies.backfilled()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, PromiseTally> counted = countFromActivities(mongo);
        tallies.replaceAll(counted.values());
        if (!counted.isEmpty()) {
            log.info("Counted the tallies of {} promises from their activity documents in {} ms", counted.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Every promise's tally as its activity documents say it should be: the activities that are not retracted,
     * standing at the newest change to any of them. What a stored tally must equal once the projection has caught up.
     */
    public static Map<String, PromiseTally> countFromActivities(MongoTemplate mongo) {
        Map<String, PromiseTally> counted = new TreeMap<>();
        Query all = new Query();
        all.fields().include("promiseId", "kind", "occurredOn", "commitmentIds", "municipality", "outcomes",
                "completes", "retracted", "lastSequence", "lastChangedAt");
        try (Stream<ActivityDocument> activities = mongo.stream(all, ActivityDocument.class)) {
            activities.forEach(activity -> {
                PromiseTally tally = counted.computeIfAbsent(activity.promiseId, PromiseTally::empty);
                if (activity.contribution() != null) {
                    tally.tally.add(activity.contribution());
                }
                if (activity.lastSequence > tally.lastSequence) {
                    tally.lastSequence = activity.lastSequence;
                    tally.lastChangedAt = activity.lastChangedAt;
                }
            });
        }
        return counted;
    }
}
